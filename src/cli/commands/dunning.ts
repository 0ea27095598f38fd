import { type Command, Option } from 'commander';
import { computeRecoveryMetrics } from '../../modules/dunning/compute-recovery-metrics.ts';
import type { TDunningPolicy } from '../../modules/dunning/dunning-policy.ts';
import { findDunningCases, type TDunningCase } from '../../modules/dunning/find-dunning-cases.ts';
import { findDunningPolicies } from '../../modules/dunning/find-dunning-policies.ts';
import { resolveContext, withStore } from '../context.ts';
import { printOutput } from '../output/print-output.ts';

const STATUSES = ['open', 'recovered', 'failed', 'closed'] as const;

export function registerDunningCommands(program: Command): void {
  const dunning = program
    .command('dunning')
    .description('failed payments: cases, recovery metrics, policies');

  dunning
    .command('cases', { isDefault: true })
    .description('dunning cases, newest first')
    .addOption(new Option('--status <status>', 'only cases of this status').choices(STATUSES))
    .action(async (options: { status?: (typeof STATUSES)[number] }, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        findDunningCases({ db: store.db, workspaceId: context.workspaceId, status: options.status }),
      );
      printOutput<TDunningCase>({
        format: context.format,
        json: result,
        rows: result.cases.map((c) => ({ ...c })),
        table: {
          rows: result.cases,
          empty: 'no dunning cases',
          columns: [
            { header: 'Case', value: (c) => c.id, align: 'left' },
            { header: 'Account', value: (c) => c.account_id, align: 'left' },
            { header: 'Status', value: (c) => c.status, align: 'left' },
            { header: 'Decline', value: (c) => c.last_failure_code ?? '', align: 'left' },
            { header: 'Attempts', value: (c) => String(c.attempts_made) },
            { header: 'Amount', value: (c) => `${c.amount} ${c.currency}` },
          ],
        },
      });
    });

  dunning
    .command('metrics')
    .description('recovery of the cases opened in [--from, --to)')
    .requiredOption('--from <date>', 'YYYY-MM-DD')
    .requiredOption('--to <date>', 'YYYY-MM-DD, exclusive')
    .action(async (options: { from: string; to: string }, command: Command) => {
      const context = resolveContext(command);
      const m = await withStore(context, (store) =>
        computeRecoveryMetrics({ db: store.db, workspaceId: context.workspaceId, ...options }),
      );
      const rows = [
        { ...m, by_decline_code: undefined, by_recovered_attempt: undefined, by_tier: undefined },
      ];
      printOutput<(typeof rows)[number]>({
        format: context.format,
        json: m,
        rows: rows.map(({ by_decline_code: _a, by_recovered_attempt: _b, by_tier: _c, ...r }) => r),
        table: {
          rows,
          columns: [
            { header: 'Cases', value: (r) => String(r.cases) },
            { header: 'Recovered', value: (r) => String(r.recovered) },
            { header: 'Rate', value: (r) => (r.recovery_rate === null ? '' : String(r.recovery_rate)) },
            { header: `Recovered MRR (${m.currency})`, value: (r) => String(r.recovered_mrr) },
            { header: `Lost MRR (${m.currency})`, value: (r) => String(r.lost_mrr) },
          ],
        },
      });
    });

  dunning
    .command('policies')
    .description(
      'the dunning policies in the order they are tried (change them with PUT /v1/dunning/policies)',
    )
    .action(async (_options: unknown, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        findDunningPolicies({ db: store.db, workspaceId: context.workspaceId }),
      );
      const rows = [...result.policies, result.default];
      printOutput<TDunningPolicy>({
        format: context.format,
        json: result,
        rows: rows.map((p) => ({ ...p })),
        table: {
          rows,
          columns: [
            { header: 'Policy', value: (p) => p.id, align: 'left' },
            { header: 'Tier', value: (p) => p.tier ?? '', align: 'left' },
            { header: 'Segment', value: (p) => p.segment_id ?? '', align: 'left' },
            { header: 'Retry days', value: (p) => p.retry_days.join(','), align: 'left' },
            { header: 'Grace', value: (p) => String(p.grace_days) },
            { header: 'Final action', value: (p) => p.final_action, align: 'left' },
          ],
        },
      });
    });
}
