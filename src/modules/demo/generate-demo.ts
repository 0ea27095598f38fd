import { createRandom } from './create-random.ts';
import type { TDemoContext, TEmit } from './demo-context.ts';
import { addMonths, formatDay, parseDay } from './demo-dates.ts';
import type { TDemoFile } from './demo-files.ts';
import { emitWorkspaceRows, GROWTH } from './emit-workspace-rows.ts';
import type { TLanguage } from './make-names.ts';
import { openCsvWriters } from './open-csv-writers.ts';
import { simulateAccount } from './simulate-account.ts';
import { simulateSupport } from './simulate-support.ts';
import { simulateUsage } from './simulate-usage.ts';

export type TGenerateDemoOptions = {
  dir: string;
  accounts?: number;
  months?: number;
  seed?: number;
  /** `YYYY-MM-DD`, exclusive end of history; default the first day of the current month (UTC). */
  endDate?: string;
  /** Usage events per account and week (default), per month (thinner, for large benchmarks), or none. */
  events?: 'week' | 'month' | 'none';
  onProgress?: (progress: { accounts: number; total: number }) => void;
};

export type TGenerateDemoResult = {
  dir: string;
  startDate: string;
  endDate: string;
  rows: Record<TDemoFile, number>;
};

/**
 * Writes the thirteen CSV files of shared/spec/data.md for a realistic, deterministic SaaS business into `dir`.
 * Accounts are simulated and written one at a time, so memory stays flat at any size.
 */
export async function generateDemo(options: TGenerateDemoOptions): Promise<TGenerateDemoResult> {
  const accounts = options.accounts ?? 2000;
  const months = options.months ?? 36;
  const seed = options.seed ?? 42;
  if (!Number.isInteger(accounts) || accounts < 1)
    throw new Error(`accounts must be a positive integer, got ${accounts}`);
  if (!Number.isInteger(months) || months < 1)
    throw new Error(`months must be a positive integer, got ${months}`);
  const today = new Date();
  const endDay = parseDay(
    options.endDate ??
      formatDay(Math.floor(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1) / 86_400_000)),
  );
  const startDay = addMonths(endDay, -months);
  const ctx: TDemoContext = {
    random: createRandom(seed),
    startDay,
    endDay,
    billingEndDay: addMonths(endDay, 1),
    firstYearEndDay: addMonths(startDay, 12),
    events: options.events ?? 'week',
  };
  // Signup days come from their own stream so the growth curve does not depend on what each account did.
  const signupRandom = createRandom(seed ^ 0x5bd1e995);
  const writers = openCsvWriters(options.dir);
  let pending: [TDemoFile, (string | number)[]][] = [];
  const emit: TEmit = (file, row) => {
    pending.push([file, row]);
  };
  const drain = async () => {
    for (const [file, row] of pending) await writers.write(file, row);
    pending = [];
  };

  emitWorkspaceRows(ctx, emit, accounts);
  await drain();
  const recent: { id: string; name: string; language: TLanguage }[] = [];
  const span = endDay - 5 - startDay;
  for (let index = 0; index < accounts; index++) {
    const u = (index + signupRandom.next()) / accounts;
    const createdDay = startDay + Math.floor((Math.log1p(u * Math.expm1(GROWTH)) / GROWTH) * span);
    const story = simulateAccount({ ctx, emit, index, createdDay, recent });
    simulateUsage(ctx, story, emit);
    simulateSupport(ctx, story, emit);
    await drain();
    if (options.onProgress && ((index + 1) % 1000 === 0 || index + 1 === accounts))
      options.onProgress({ accounts: index + 1, total: accounts });
  }
  await writers.close();
  return {
    dir: options.dir,
    startDate: formatDay(startDay),
    endDate: formatDay(endDay),
    rows: writers.rowCounts(),
  };
}
