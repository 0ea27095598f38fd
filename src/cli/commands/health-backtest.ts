import type { Command } from 'commander';
import { runScorecardBacktest } from '../../modules/health/run-scorecard-backtest.ts';
import { resolveContext, withStore } from '../context.ts';
import { printOutput } from '../output/print-output.ts';
import { parsePositiveInt } from '../parse-args.ts';
import { createHealthFormatters } from './health-format.ts';

type TOptions = { horizon: number; scorecard?: string };
type TBucket = { label: string; observations: number; churned: number; churn_rate: number | null };

export function registerHealthBacktestCommand(health: Command): void {
  health
    .command('backtest')
    .description(
      'replay a scorecard at every past month-end: churn within the horizon per band, AUC, calibration',
    )
    .option('--horizon <days>', 'days after each month-end in which a churn counts', parsePositiveInt, 90)
    .option('--scorecard <id>', 'the scorecard to test (default: the default scorecard)')
    .action(async (options: TOptions, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        runScorecardBacktest({
          db: store.db,
          workspaceId: context.workspaceId,
          horizonDays: options.horizon,
          scorecardId: options.scorecard,
        }),
      );
      const f = createHealthFormatters({ color: context.isStdoutTty });
      const rate = (r: number | null) => (r === null ? '—' : f.share(r));
      const columns = [
        { header: 'Observations', value: (b: TBucket) => f.num(b.observations) },
        { header: 'Churned', value: (b: TBucket) => f.num(b.churned) },
        { header: 'Churn rate', value: (b: TBucket) => rate(b.churn_rate) },
      ];
      if (context.format !== 'table') {
        printOutput<TBucket>({
          format: context.format,
          json: result,
          rows: result.bands.map((b) => ({ horizon_days: result.horizon_days, auc: result.auc, ...b })),
          table: { rows: [], columns: [] },
        });
        return;
      }
      process.stdout.write(
        `Backtest of ${result.scorecard.id} v${result.scorecard.version}: ${result.snapshots} month-ends, ` +
          `${f.num(result.observations)} observations, ${f.num(result.churned)} churned within ${result.horizon_days} days; ` +
          `AUC ${result.auc === null ? '—' : result.auc.toFixed(3)}\n\n`,
      );
      printOutput<TBucket>({
        format: 'table',
        json: result,
        rows: [],
        table: {
          title: 'Churn by band at the month-end',
          rows: result.bands.map((b) => ({ ...b, label: f.band(b.band) })),
          columns: [{ header: 'Band', value: (b) => b.label, align: 'left' }, ...columns],
        },
      });
      process.stdout.write('\n');
      printOutput<TBucket>({
        format: 'table',
        json: result,
        rows: [],
        table: {
          title: 'Calibration: churn by score',
          rows: result.calibration.map((c) => ({ ...c, label: `${c.from}–${c.to}` })),
          columns: [{ header: 'Score', value: (b) => b.label, align: 'left' }, ...columns],
        },
      });
    });
}
