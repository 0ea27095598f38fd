/**
 * `npm run bench`: generates a large demo (default 100,000 accounts × 36 months) into bench/data/, imports it
 * into each engine in a child process (import rows/s, peak RSS, revenue metrics median of 3, full movement
 * recompute), computes the same monthly movements with DuckDB from the CSV files, prints a table, checks that
 * every engine agrees with DuckDB on every monthly figure to the cent (exit 1 otherwise) and writes the
 * results to bench/results/.
 * Then the health suite (bench/run-health.ts, issue 3): events/s through the batch endpoint with 4 clients on
 * each engine, and on PostgreSQL the full health recompute of --health-accounts accounts whose rollups hold
 * --health-events events, with the time from one account's new event to its refreshed score, and the load
 * time of every dashboard page's data on that workspace (issue 5, bench/page-speed.ts).
 * Options: --accounts N, --months M, --seed S, --engines pglite,postgres, --skip-generate,
 * --suites revenue,health, --health-accounts N, --health-events N.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import { generateDemo } from '../src/modules/demo/generate-demo.ts';
import { compareFigures } from './compare-figures.ts';
import { computeDuckdbMonthly, type TMonthlyFigures } from './duckdb-movements.ts';
import type { TPageTiming } from './page-speed.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    months: { type: 'string', default: '36' },
    seed: { type: 'string', default: '42' },
    engines: { type: 'string', default: 'pglite,postgres' },
    'skip-generate': { type: 'boolean', default: false },
    suites: { type: 'string', default: 'revenue,health' },
    'health-accounts': { type: 'string', default: '100000' },
    'health-events': { type: 'string', default: '50000000' },
  },
});
const suites = new Set((values.suites as string).split(',').filter(Boolean));
const log = (message: string) => process.stderr.write(`${message}\n`);
const engines = (values.engines as string).split(',').filter(Boolean);

/** The revenue suite: import speed and metrics on every engine, checked figure by figure against DuckDB. */
async function runRevenueSuite(): Promise<boolean> {
  const params = {
    accounts: Number(values.accounts),
    months: Number(values.months),
    seed: Number(values.seed),
    endDate: '2025-01-01',
    events: 'month' as const,
  };
  const dataDir = path.join(here, 'data', `a${params.accounts}-m${params.months}-s${params.seed}`);
  const paramsFile = path.join(dataDir, 'params.json');

  // 1. Data: reuse a previous generation with the same parameters.
  const isReusable =
    fs.existsSync(paramsFile) && fs.readFileSync(paramsFile, 'utf8') === JSON.stringify(params);
  let generation: { seconds: number | null; rows: Record<string, number> };
  if (values['skip-generate'] || isReusable) {
    if (!isReusable)
      throw new Error(`--skip-generate: no data generated with ${JSON.stringify(params)} in ${dataDir}`);
    generation = {
      seconds: null,
      rows: JSON.parse(fs.readFileSync(path.join(dataDir, 'rows.json'), 'utf8')),
    };
    log(`reusing ${dataDir}`);
  } else {
    fs.rmSync(dataDir, { recursive: true, force: true });
    const started = performance.now();
    const result = await generateDemo({
      dir: dataDir,
      ...params,
      onProgress: ({ accounts, total }) => {
        if (accounts % 10000 === 0 || accounts === total)
          log(`generating: ${accounts.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} accounts`);
      },
    });
    generation = { seconds: (performance.now() - started) / 1000, rows: result.rows };
    fs.writeFileSync(path.join(dataDir, 'rows.json'), JSON.stringify(result.rows));
    fs.writeFileSync(paramsFile, JSON.stringify(params));
  }
  const bytes = fs
    .readdirSync(dataDir)
    .filter((f) => f.endsWith('.csv'))
    .reduce((sum, f) => sum + fs.statSync(path.join(dataDir, f)).size, 0);
  const totalRows = Object.values(generation.rows).reduce((a, b) => a + b, 0);
  log(
    `data: ${totalRows.toLocaleString('en-US')} rows, ${(bytes / 1e6).toFixed(0)} MB${generation.seconds === null ? '' : `, generated in ${generation.seconds.toFixed(1)} s`}`,
  );
  log(
    Object.entries(generation.rows)
      .map(([file, n]) => `  ${file}: ${n.toLocaleString('en-US')}`)
      .join('\n'),
  );

  const endMonth = new Date(Date.UTC(2025, -1, 1));
  const to = endMonth.toISOString().slice(0, 7);
  const from = new Date(Date.UTC(2025, -params.months, 1)).toISOString().slice(0, 7);

  // 2. Engines, each in a child process.
  type TEngineResult = {
    engine: string;
    rowsPerSecond: number;
    peakRssMb: number;
    metricsMedianSeconds: number;
    recomputeSeconds: number;
    importSeconds: number;
    files: { entity: string; rows: number; rowsPerSecond: number }[];
    periods: TMonthlyFigures[];
  };
  const results: TEngineResult[] = [];
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  for (const engine of engines) {
    const out = path.join(here, 'results', `.${engine}.tmp.json`);
    log(`\n${engine}: importing…`);
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(here, 'run-engine.ts'),
        '--engine',
        engine,
        '--dir',
        dataDir,
        '--from',
        from,
        '--to',
        to,
        '--out',
        out,
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (child.status !== 0)
      throw new Error(`${engine} benchmark failed (exit ${child.status ?? child.signal})`);
    results.push(JSON.parse(fs.readFileSync(out, 'utf8')));
    fs.rmSync(out);
  }

  // 3. DuckDB reference, median of 3.
  const duckRuns = [];
  for (let run = 0; run < 3; run++)
    duckRuns.push(await computeDuckdbMonthly({ dir: dataDir, from, to, reportingCurrency: 'USD' }));
  const duckSeconds = duckRuns.map((r) => r.seconds).sort((a, b) => a - b)[1] as number;
  const duckPeriods = (duckRuns[0] as { periods: TMonthlyFigures[] }).periods;

  // 4. Report and check.
  const table = new Table({
    // Plain text: the report is read in logs and CI output as often as on a terminal.
    style: { head: [], border: [] },
    head: [
      'engine',
      'import rows/s',
      'import s',
      'peak RSS MB',
      'metrics revenue s',
      '× DuckDB',
      'recompute s',
    ],
  });
  for (const r of results)
    table.push([
      r.engine,
      Math.round(r.rowsPerSecond).toLocaleString('en-US'),
      r.importSeconds.toFixed(1),
      Math.round(r.peakRssMb),
      r.metricsMedianSeconds.toFixed(3),
      (r.metricsMedianSeconds / duckSeconds).toFixed(2),
      r.recomputeSeconds.toFixed(2),
    ]);
  table.push(['duckdb (CSV)', '', '', '', duckSeconds.toFixed(3), '1.00', '']);
  console.log(table.toString());
  for (const r of results)
    console.log(
      `${r.engine} per file rows/s: ${r.files.map((f) => `${f.entity} ${Math.round(f.rowsPerSecond).toLocaleString('en-US')}`).join(', ')}`,
    );

  const differences = results.flatMap((r) => compareFigures(r.engine, r.periods, duckPeriods));
  const report = {
    at: new Date().toISOString(),
    params,
    bytes,
    generation,
    duckdb: { seconds: duckSeconds, periods: duckPeriods },
    engines: results,
    differences,
  };
  const file = path.join(here, 'results', `bench-${params.accounts}-${report.at.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`results: ${path.relative(process.cwd(), file)}`);
  if (differences.length > 0) {
    console.error(
      `MISMATCH: ${differences.length} monthly figures differ from DuckDB:\n${differences.slice(0, 50).join('\n')}`,
    );
    return false;
  }
  console.log(
    `OK: ${[...results.map((r) => r.engine), 'duckdb'].join(', ')} agree on every monthly figure (${duckPeriods.length} months) to the cent`,
  );
  return true;
}

/** The health suite of issue 3, one child process per engine (bench/run-health.ts). */
function runHealthSuite(): boolean {
  const rows: string[][] = [];
  const raw: unknown[] = [];
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  for (const engine of engines) {
    const out = path.join(here, 'results', `.health-${engine}.tmp.json`);
    log(`\n${engine}: health suite…`);
    const args = ['--import', 'tsx', path.join(here, 'run-health.ts'), '--engine', engine, '--out', out];
    // The 100,000-account recompute is the PostgreSQL goal; on the embedded store a tenth shows the trend.
    const scale = engine === 'postgres' ? 1 : 10;
    args.push('--accounts', String(Number(values['health-accounts']) / scale));
    args.push('--events', String(Number(values['health-events']) / scale));
    if (engine !== 'postgres') args.push('--ingest-events', '20000');
    const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    if (child.status !== 0) {
      log(`${engine} health suite failed (exit ${child.status ?? child.signal})`);
      return false;
    }
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    fs.rmSync(out);
    raw.push(r);
    rows.push([
      engine,
      Math.round(r.ingest.eventsPerSecond).toLocaleString('en-US'),
      r.health.accounts.toLocaleString('en-US'),
      r.health.events.toLocaleString('en-US'),
      r.health.fullSeconds.toFixed(1),
      Math.round(r.health.fullPeakRssMb).toLocaleString('en-US'),
      r.health.singleSeconds.toFixed(3),
    ]);
  }
  const table = new Table({
    style: { head: [], border: [] },
    head: [
      'engine',
      'events/s (4 clients)',
      'accounts',
      'events in rollups',
      'full recompute s',
      'peak RSS MB',
      'one account s',
    ],
  });
  table.push(...rows);
  console.log(table.toString());
  // Issue 5's goal: every page's data under 300 ms on a 100,000-account workspace on PostgreSQL.
  const pageTable = new Table({
    style: { head: [], border: [] },
    head: ['engine', 'accounts', 'page', 'requests', 'first load ms', 'median ms', 'max ms'],
  });
  for (const r of raw as { engine: string; health: { accounts: number; pages: TPageTiming[] } }[]) {
    for (const p of r.health.pages) {
      pageTable.push([
        r.engine,
        r.health.accounts.toLocaleString('en-US'),
        p.page,
        String(p.requests),
        p.coldMs.toFixed(0),
        p.medianMs.toFixed(0),
        p.maxMs.toFixed(0),
      ]);
    }
  }
  console.log(pageTable.toString());
  for (const r of raw as {
    engine: string;
    health: { reportsRefresh?: { refreshed: number; seconds: number } };
  }[]) {
    const refresh = r.health.reportsRefresh;
    if (refresh)
      console.log(
        `${r.engine}: after a change, ${refresh.refreshed} stored reports current again in ${refresh.seconds.toFixed(1)} s`,
      );
  }
  const file = path.join(here, 'results', `health-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(raw, null, 2));
  console.log(`results: ${path.relative(process.cwd(), file)}`);
  return true;
}

const isRevenueOk = suites.has('revenue') ? await runRevenueSuite() : true;
const isHealthOk = suites.has('health') ? runHealthSuite() : true;
if (!isRevenueOk || !isHealthOk) process.exit(1);
