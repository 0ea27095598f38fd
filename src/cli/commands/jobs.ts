import { type Command, InvalidArgumentError } from 'commander';
import type { TJobStatus } from '../../db/schema-jobs.ts';
import { findJobs, JOB_STATUSES } from '../../jobs/find-jobs.ts';
import type { TJob } from '../../jobs/job-shape.ts';
import { retryJob } from '../../jobs/retry-job.ts';
import { runJobPass, type TJobPassResult } from '../../jobs/run-job-pass.ts';
import { resolveContext, type TContext, withStore } from '../context.ts';
import { printOutput } from '../output/print-output.ts';
import { parsePositiveInt } from '../parse-args.ts';

function parseStatus(value: string): TJobStatus {
  if (!(JOB_STATUSES as string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${JOB_STATUSES.join(', ')}.`);
  }
  return value as TJobStatus;
}

function printJobs(context: TContext, json: unknown, jobs: TJob[]): void {
  printOutput<TJob>({
    format: context.format,
    json,
    rows: jobs.map((job) => ({ ...job, payload: JSON.stringify(job.payload) })),
    table: {
      rows: jobs,
      empty: 'no jobs',
      columns: [
        { header: 'Job', value: (j) => j.id, align: 'left' },
        { header: 'Name', value: (j) => j.name, align: 'left' },
        { header: 'Status', value: (j) => j.status, align: 'left' },
        { header: 'Attempts', value: (j) => `${j.attempts}/${j.max_attempts}` },
        { header: 'Run at', value: (j) => j.run_at, align: 'left' },
        { header: 'Last error', value: (j) => (j.last_error ?? '').slice(0, 80), align: 'left' },
      ],
    },
  });
}

export function registerJobsCommands(program: Command): void {
  const jobs = program.command('jobs').description('background jobs: the queue, dead jobs, retries');

  jobs
    .command('list', { isDefault: true })
    .description("the workspace's jobs, newest first")
    .option('--status <status>', `only jobs in this status (${JOB_STATUSES.join(', ')})`, parseStatus)
    .option('--name <name>', 'only jobs of this name')
    .option('--limit <n>', 'at most this many (default 50)', parsePositiveInt)
    .action(async (options: { status?: TJobStatus; name?: string; limit?: number }, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        findJobs({ db: store.db, workspaceId: context.workspaceId, ...options }),
      );
      printJobs(context, result, result.jobs);
    });

  jobs
    .command('retry <id>')
    .description('queue a dead job again, due now, with its attempts reset')
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = resolveContext(command);
      const job = await withStore(context, (store) =>
        retryJob({ db: store.db, workspaceId: context.workspaceId, jobId: id }),
      );
      printJobs(context, job, [job]);
    });

  jobs
    .command('run')
    .description('one worker pass for every workspace: enqueue scheduled jobs, run every due job (for cron)')
    .action(async (_options: unknown, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) => runJobPass({ store }));
      const rows = [result];
      printOutput<TJobPassResult>({
        format: context.format,
        json: result,
        rows: rows.map((row) => ({ ...row })),
        table: {
          rows,
          columns: (['scheduled', 'ran', 'succeeded', 'retried', 'dead'] as const).map((key) => ({
            header: key[0]!.toUpperCase() + key.slice(1),
            value: (r: TJobPassResult) => String(r[key]),
          })),
        },
      });
    });
}
