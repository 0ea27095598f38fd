import type { Command } from 'commander';
import type { TStore } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { startJobWorker } from '../../jobs/start-job-worker.ts';
import { createApiKey } from '../../modules/api-keys/create-api-key.ts';
import { findApiKeys } from '../../modules/api-keys/find-api-keys.ts';
import { startResultCacheRefresher } from '../../modules/cache/start-result-cache-refresher.ts';
import { loadDemo } from '../../modules/demo/load-demo.ts';
import { startHealthRefresher } from '../../modules/health/start-health-refresher.ts';
import { countUsers } from '../../modules/users/count-users.ts';
import { resolveContext, type TContext } from '../context.ts';
import { createProgress } from '../output/create-progress.ts';
import { parsePort } from '../parse-args.ts';
import { backfillDemoHealth, demoEndDate } from './backfill-demo-health.ts';

type TOptions = { port?: number; host?: string | true; demo: boolean };

/** Any account in any workspace means the user has data of their own: never mix the demo into it. */
async function isStoreEmpty(store: TStore): Promise<boolean> {
  return !(await store.db.selectFrom('accounts').select('id').limit(1).executeTakeFirst());
}

async function loadDemoWithProgress(store: TStore, context: TContext): Promise<void> {
  process.stderr.write(`The store is empty: loading the demo workspace "${context.workspaceId}" first…\n`);
  const progress = createProgress({ isTty: context.isStderrTty });
  const summary = await loadDemo({
    store,
    workspaceId: context.workspaceId,
    endDate: demoEndDate(),
    onProgress: progress.update,
  }).finally(progress.stop);
  process.stderr.write(`Demo loaded: ${summary.inserted.toLocaleString('en-US')} records.\n`);
  const ready = await backfillDemoHealth(store, {
    workspaceId: context.workspaceId,
    isTty: context.isStderrTty,
  });
  process.stderr.write(`${ready}\n`);
}

/** A key is created only when the workspace has no usable one, so restarts never pile up keys. */
async function ensureApiKey(store: TStore, workspaceId: string): Promise<string | undefined> {
  const keys = await findApiKeys({ db: store.db, workspaceId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') return [];
    throw error;
  });
  if (keys.some((key) => key.revoked_at === null)) return undefined;
  return (await createApiKey({ db: store.db, workspaceId, name: 'created by tenure start' })).key;
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run the HTTP API (on an empty store, load the demo workspace first)')
    .option('--port <port>', 'port to listen on (default $TENURE_PORT or 4000)', parsePort)
    .option('--host [host]', 'address to listen on; without a value, every address (0.0.0.0)')
    .option('--no-demo', 'do not load the demo workspace into an empty store')
    .action(async (options: TOptions, command: Command) => {
      const context = resolveContext(command);
      const port = options.port ?? context.config.port;
      const host = options.host === true ? '0.0.0.0' : (options.host ?? context.config.host);
      const { openStore } = await import('../../db/connect.ts');
      const { serve } = await import('../../http/serve.ts');
      const store = await openStore({
        databaseUrl: context.config.databaseUrl,
        dataDir: context.config.dataDir,
      });
      try {
        if (options.demo && (await isStoreEmpty(store))) await loadDemoWithProgress(store, context);
        const key = await ensureApiKey(store, context.workspaceId);
        const server = await serve({ store, port, host }).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'EADDRINUSE') throw error;
          throw new AppError(
            'invalid_usage',
            `port ${port} on ${host} is in use: choose another with --port`,
          );
        });
        process.stdout.write(`Tenure (${store.engine}) is serving ${server.url}\n`);
        // Runs due background jobs (emails, webhooks, dunning, playbooks) and enqueues scheduled ones.
        const worker = startJobWorker({
          store,
          onError: (error) =>
            process.stderr.write(`job worker: ${error instanceof Error ? error.message : error}\n`),
        });
        // Rescores accounts whose data changed within a minute, and stores every workspace's daily score.
        const refresher = startHealthRefresher({
          store,
          onError: (error) =>
            process.stderr.write(`health refresher: ${error instanceof Error ? error.message : error}\n`),
        });
        // Computes again, within seconds of a change, the stored reports (revenue, CS, feedback…) whose data
        // changed, so their pages read them instead of waiting for them.
        const reports = startResultCacheRefresher({
          store,
          onError: (error) =>
            process.stderr.write(`report refresher: ${error instanceof Error ? error.message : error}\n`),
        });
        if ((await countUsers({ db: store.db, workspaceId: context.workspaceId })) === 0) {
          const setup = (await countUsers({ db: store.db })) === 0 ? ` or open ${server.url}/setup` : '';
          process.stdout.write(
            `No users yet: create the first admin with \`tenure users create --email you@example.com --role admin\`${setup}\n`,
          );
        }
        if (key) {
          process.stdout.write(
            `\nAPI key for workspace "${context.workspaceId}" (shown once: store it now):\n\n  ${key}\n\n` +
              `Try:  curl -H "Authorization: Bearer ${key}" ${server.url}/v1/mrr\n`,
          );
        }
        const shutdown = async () => {
          process.stderr.write('shutting down…\n');
          await server.close();
          await reports.stop();
          await refresher.stop();
          await worker.stop();
          await store.close();
        };
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);
      } catch (error) {
        await store.close();
        throw error;
      }
    });
}
