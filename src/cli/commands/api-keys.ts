import type { Command } from 'commander';
import { createApiKey } from '../../modules/api-keys/create-api-key.ts';
import { findApiKeys, type TApiKeySummary } from '../../modules/api-keys/find-api-keys.ts';
import { revokeApiKey } from '../../modules/api-keys/revoke-api-key.ts';
import { resolveContext, withStore } from '../context.ts';
import { NULL_MARK } from '../output/format-values.ts';
import { printOutput } from '../output/print-output.ts';

export function registerApiKeysCommands(program: Command): void {
  const apiKeys = program
    .command('api-keys')
    .description('keys for the HTTP API; each belongs to one workspace');

  apiKeys
    .command('create')
    .description('create a key (printed once: only its hash is stored)')
    .option('--name <name>', 'what the key is for', 'default')
    .action(async (options: { name: string }, command: Command) => {
      const context = resolveContext(command);
      const created = await withStore(context, (store) =>
        createApiKey({ db: store.db, workspaceId: context.workspaceId, name: options.name }),
      );
      if (context.format !== 'table') {
        printOutput({
          format: context.format,
          json: created,
          rows: [created],
          table: { rows: [], columns: [] },
        });
        return;
      }
      process.stdout.write(
        `API key "${created.name}" (${created.id}) for workspace "${context.workspaceId}":\n\n  ${created.key}\n\n` +
          'Store it now: it is not shown again. Use it as  Authorization: Bearer <key>\n',
      );
    });

  apiKeys
    .command('list')
    .description("the workspace's keys (never the secrets)")
    .action(async (_options: unknown, command: Command) => {
      const context = resolveContext(command);
      const keys = await withStore(context, (store) =>
        findApiKeys({ db: store.db, workspaceId: context.workspaceId }),
      );
      const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : NULL_MARK);
      printOutput<TApiKeySummary>({
        format: context.format,
        json: { api_keys: keys },
        rows: keys,
        table: {
          rows: keys,
          empty: 'no API keys: create one with `tenure api-keys create`',
          columns: [
            { header: 'ID', value: (k) => k.id, align: 'left' },
            { header: 'Name', value: (k) => k.name, align: 'left' },
            { header: 'Prefix', value: (k) => `${k.prefix}…`, align: 'left' },
            { header: 'Created', value: (k) => day(k.created_at), align: 'left' },
            { header: 'Last used', value: (k) => day(k.last_used_at), align: 'left' },
            { header: 'Revoked', value: (k) => day(k.revoked_at), align: 'left' },
          ],
        },
      });
    });

  apiKeys
    .command('revoke')
    .description('revoke a key: it stops working at once')
    .argument('<id>', 'the key id, as shown by `tenure api-keys list`')
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = resolveContext(command);
      const revoked = await withStore(context, (store) =>
        revokeApiKey({ db: store.db, workspaceId: context.workspaceId, id }),
      );
      if (context.format !== 'table') {
        printOutput({
          format: context.format,
          json: revoked,
          rows: [revoked],
          table: { rows: [], columns: [] },
        });
        return;
      }
      process.stdout.write(`revoked API key ${revoked.id}\n`);
    });
}
