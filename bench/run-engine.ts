/**
 * One engine's half of the benchmark, in its own process so that peak memory is the engine's alone:
 * import the generated files, time the revenue metrics (median of 3) and a full movement recompute, and
 * write the figures as JSON to `--out`. Progress goes to stderr.
 * Usage: node --import tsx bench/run-engine.ts --engine pglite|postgres --dir D --from YYYY-MM --to YYYY-MM --out F
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openStore, type TStore } from '../src/db/connect.ts';
import { importPaths } from '../src/modules/imports/import-paths.ts';
import { computeRevenueMetrics } from '../src/modules/revenue/compute-revenue-metrics.ts';
import { recomputeMovements } from '../src/modules/revenue/recompute-movements.ts';
import { ensureWorkspace } from '../src/modules/workspaces/ensure-workspace.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    dir: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
  },
});
const engine = values.engine as 'pglite' | 'postgres';
const workspaceId = 'bench';
const log = (message: string) => process.stderr.write(`[${engine}] ${message}\n`);

async function open(): Promise<{ store: TStore; cleanup: () => Promise<void> }> {
  if (engine === 'postgres') {
    const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const store = await openStore({ databaseUrl: url, schema });
    return {
      store,
      cleanup: async () => {
        await sql.raw(`drop schema ${schema} cascade`).execute(store.db);
        await store.close();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-bench-'));
  const store = await openStore({ dataDir });
  return {
    store,
    cleanup: async () => {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const { store, cleanup } = await open();
try {
  await ensureWorkspace({ db: store.db, workspaceId, reportingCurrency: 'USD' });
  let lastLog = 0;
  const importStart = performance.now();
  const summary = await importPaths({
    store,
    workspaceId,
    paths: [values.dir as string],
    onProgress: (p) => {
      if (performance.now() - lastLog < 5000) return;
      lastLog = performance.now();
      log(
        `importing ${path.basename(p.file)}: ${p.rows.toLocaleString('en-US')} rows, ${Math.round((100 * p.bytes) / Math.max(1, p.totalBytes))}%`,
      );
    },
    onFileDone: (f) =>
      log(`${path.basename(f.file)}: ${f.rows.toLocaleString('en-US')} rows in ${f.seconds.toFixed(1)} s`),
  });
  const importSeconds = (performance.now() - importStart) / 1000;
  const rows = summary.files.reduce((sum, f) => sum + f.rows, 0);
  log(`import: ${rows.toLocaleString('en-US')} rows in ${importSeconds.toFixed(1)} s`);

  const metricsSeconds: number[] = [];
  let periods: unknown[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const result = await computeRevenueMetrics({
      db: store.db,
      workspaceId,
      from: values.from as string,
      to: values.to as string,
      interval: 'month',
    });
    metricsSeconds.push((performance.now() - started) / 1000);
    periods = result.periods;
    log(`computeRevenueMetrics run ${run + 1}: ${metricsSeconds[run]?.toFixed(2)} s`);
  }
  const recomputeStart = performance.now();
  const recompute = await recomputeMovements({ db: store.db, workspaceId });
  const recomputeSeconds = (performance.now() - recomputeStart) / 1000;
  log(
    `recomputeMovements: ${recompute.movements.toLocaleString('en-US')} movements in ${recomputeSeconds.toFixed(2)} s`,
  );

  fs.writeFileSync(
    values.out as string,
    JSON.stringify(
      {
        engine,
        rows,
        importSeconds,
        rowsPerSecond: rows / importSeconds,
        files: summary.files.map((f) => ({
          entity: f.entity,
          rows: f.rows,
          seconds: f.seconds,
          rowsPerSecond: f.rows / Math.max(f.seconds, 1e-6),
        })),
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        metricsSeconds,
        metricsMedianSeconds: median(metricsSeconds),
        recomputeSeconds,
        movements: recompute.movements,
        periods,
      },
      null,
      2,
    ),
  );
} finally {
  await cleanup();
}
