import { type Command, Option } from 'commander';
import { findHealthScores, type THealthPortfolio } from '../../modules/health/find-health-scores.ts';
import {
  getAccountHealth,
  type TAccountHealth,
  type THealthChange,
} from '../../modules/health/get-account-health.ts';
import type { TPublicMeasure } from '../../modules/health/public-measures.ts';
import { resolveContext, type TContext, withStore } from '../context.ts';
import { printOutput } from '../output/print-output.ts';
import { parseDate, parsePositiveInt } from '../parse-args.ts';
import { registerHealthBacktestCommand } from './health-backtest.ts';
import { createHealthFormatters } from './health-format.ts';
import { registerHealthRecomputeCommand } from './health-recompute.ts';
import { registerHealthScorecardsCommands } from './health-scorecards.ts';

type TOptions = { account?: string; at?: string; band?: 'red' | 'yellow' | 'green'; limit?: number };
type TPortfolioRow = THealthPortfolio['accounts'][number];

export function registerHealthCommands(program: Command): void {
  const health = program
    .command('health')
    .description('health scores: bands, explanations and what changed (definitions: docs/metrics.md)')
    .option('--account <id>', "one account's score, trend and explanation")
    .option('--at <YYYY-MM-DD>', 'the day (default today in the workspace time zone)', parseDate)
    .addOption(new Option('--band <band>', 'only accounts in this band').choices(['red', 'yellow', 'green']))
    .option('--limit <n>', 'at most this many accounts (default 50)', parsePositiveInt)
    .action(async (options: TOptions, command: Command) => {
      const context = resolveContext(command);
      if (options.account) {
        const accountId = options.account;
        const result = await withStore(context, (store) =>
          getAccountHealth({ db: store.db, workspaceId: context.workspaceId, accountId, at: options.at }),
        );
        printAccount(result, context);
        return;
      }
      const result = await withStore(context, (store) =>
        findHealthScores({
          db: store.db,
          workspaceId: context.workspaceId,
          at: options.at,
          band: options.band,
          limit: options.limit ?? 50,
        }),
      );
      printPortfolio(result, context);
    });
  registerHealthRecomputeCommand(health);
  registerHealthScorecardsCommands(health);
  registerHealthBacktestCommand(health);
}

function printPortfolio(result: THealthPortfolio, context: TContext): void {
  const f = createHealthFormatters({ color: context.isStdoutTty });
  const { red, yellow, green } = result.distribution;
  const all = red + yellow + green;
  const share = (n: number) => (all === 0 ? '' : ` (${f.share(n / all)})`);
  printOutput<TPortfolioRow>({
    format: context.format,
    json: result,
    rows: result.accounts.map(({ measures: _, ...row }) => ({ date: result.date, ...row })),
    table: {
      title:
        `Health on ${result.date}: ${f.band('red')} ${red}${share(red)}, ${f.band('yellow')} ${yellow}${share(yellow)}, ` +
        `${f.band('green')} ${green}${share(green)}` +
        (result.accounts.length < result.total
          ? ` — showing ${result.accounts.length} of ${result.total}`
          : ''),
      rows: result.accounts,
      empty: 'no scores: no account has data for any measure',
      columns: [
        { header: 'Account', value: (r) => r.account_id, align: 'left' },
        { header: 'Name', value: (r) => r.name, align: 'left' },
        { header: 'Score', value: (r) => f.score(r.score) },
        { header: 'Band', value: (r) => f.band(r.band), align: 'left' },
        { header: 'Δ 7d', value: (r) => f.signed(r.delta_7d) },
        { header: 'Δ 30d', value: (r) => f.signed(r.delta_30d) },
        { header: 'Scorecard', value: (r) => `${r.scorecard} v${r.scorecard_version}`, align: 'left' },
      ],
    },
  });
}

function printAccount(result: TAccountHealth, context: TContext): void {
  if (context.format !== 'table') {
    printOutput<TPublicMeasure>({
      format: context.format,
      json: result,
      rows: result.explanation.map((m) => ({
        account_id: result.account_id,
        date: result.date,
        account_score: result.score,
        band: result.band,
        key: m.key,
        label: m.label,
        metric: m.metric,
        value: m.value,
        score: m.score,
        weight: m.weight,
        effective_weight: m.effective_weight,
        contribution: m.contribution,
        missing: m.missing,
      })),
      table: { rows: [], columns: [] },
    });
    return;
  }
  const f = createHealthFormatters({ color: context.isStdoutTty });
  const { since_7_days: d7, since_30_days: d30 } = result.changes;
  process.stdout.write(
    `${result.name} (${result.account_id}) on ${result.date}: ${f.score(result.score)} ${f.band(result.band)}` +
      ` — Δ 7d ${f.signed(d7?.delta)}, Δ 30d ${f.signed(d30?.delta)}` +
      ` — scorecard ${result.scorecard.id} v${result.scorecard.version}\n`,
  );
  const trend = result.trend.filter((_, i, all) => i % 7 === (all.length - 1) % 7);
  if (trend.length > 1) {
    process.stdout.write(`Trend (weekly): ${trend.map((t) => f.score(t.score)).join(' → ')}\n`);
  }
  process.stdout.write('\n');
  printOutput<TPublicMeasure>({
    format: 'table',
    json: result,
    rows: [],
    table: {
      title: 'Why: each measure',
      rows: result.explanation,
      columns: [
        { header: 'Measure', value: (m) => m.label, align: 'left' },
        { header: 'Value', value: (m) => f.num(m.value) },
        { header: 'Score', value: (m) => f.score(m.score) },
        {
          header: 'Weight',
          value: (m) => (m.missing ? f.num(m.weight) : `${f.num(m.weight)} (${f.share(m.effective_weight)})`),
        },
        { header: 'Contribution', value: (m) => f.num(m.contribution) },
      ],
    },
  });
  if (result.missing.length > 0) {
    process.stdout.write(
      `Missing data: ${result.missing.join(', ')}${result.note ? ` — ${result.note}` : ''}\n`,
    );
  }
  printChange('since 7 days', d7, f);
  printChange('since 30 days', d30, f);
}

function printChange(
  label: string,
  change: THealthChange | null,
  f: ReturnType<typeof createHealthFormatters>,
): void {
  process.stdout.write('\n');
  if (!change) {
    process.stdout.write(`What changed most ${label}: no stored score that old\n`);
    return;
  }
  printOutput<THealthChange['measures'][number]>({
    format: 'table',
    json: change,
    rows: [],
    table: {
      title:
        `What changed most ${label} (${change.date}: ${f.score(change.score_then)} ${f.band(change.band_then)}` +
        ` → ${f.score(change.score_now)}, ${f.signed(change.delta)})`,
      rows: change.measures.filter((m) => m.delta !== 0).slice(0, 5),
      empty: 'no measure moved',
      columns: [
        { header: 'Measure', value: (m) => m.label, align: 'left' },
        { header: 'Value then', value: (m) => f.num(m.value_then) },
        { header: 'Value now', value: (m) => f.num(m.value_now) },
        { header: 'Contribution then', value: (m) => f.num(m.contribution_then) },
        { header: 'Now', value: (m) => f.num(m.contribution_now) },
        { header: 'Δ', value: (m) => f.signed(m.delta) },
      ],
    },
  });
}
