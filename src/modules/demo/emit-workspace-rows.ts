import type { TDemoContext, TEmit } from './demo-context.ts';
import { addMonths, formatCents, formatDay, mondayOf } from './demo-dates.ts';
import { listPlanRows } from './demo-plans.ts';

/** Growth curve of signups: the share of all accounts created by fraction `t` of the window (exponential growth). */
export const GROWTH = 1.1;
export function signupShare(t: number): number {
  return Math.expm1(GROWTH * t) / Math.expm1(GROWTH);
}

/**
 * The workspace-wide files: the price book, weekly CRC→USD rates (1 USD ≈ 505–530 CRC, a mean-reverting walk,
 * starting before the first invoice so every conversion finds a rate on or before its date), and monthly
 * customer success costs in USD — CSM payroll and software (retention), campaigns (acquisition) — that grow
 * with the customer base.
 */
export function emitWorkspaceRows(ctx: TDemoContext, emit: TEmit, accounts: number): void {
  for (const row of listPlanRows(formatCents)) emit('plans', row);

  let colones = 512 + ctx.random.next() * 10;
  for (let day = mondayOf(ctx.startDay) - 7; day < ctx.billingEndDay + 7; day += 7) {
    colones += 0.15 * (517.5 - colones) + (ctx.random.next() - 0.5) * 3;
    colones = Math.max(505, Math.min(530, colones));
    emit('fx_rates', [formatDay(day), 'CRC', (1 / colones).toFixed(8)]);
  }

  const windowDays = ctx.endDay - ctx.startDay;
  for (let month = ctx.startDay, m = 0; month < ctx.endDay; month = addMonths(month, 1), m++) {
    const next = addMonths(month, 1);
    const t0 = (month - ctx.startDay) / windowDays;
    const t1 = Math.min(1, (next - ctx.startDay) / windowDays);
    const created = accounts * signupShare(t1);
    const csms = Math.max(1, Math.ceil((created / 2000) * 8));
    const id = formatDay(month).slice(0, 7);
    const cost = (suffix: string, cents: number, kind: string, category: string) =>
      emit('costs', [
        `cost_${id}_${suffix}`,
        formatDay(month),
        formatDay(next),
        formatCents(Math.round(cents)),
        'USD',
        kind,
        category,
      ]);
    cost('payroll', csms * (650000 + ctx.random.int(0, 40000)), 'retention', 'payroll');
    cost('software', 120000 + csms * 15000, 'retention', 'software');
    if (m % 6 === 5) cost('events', 400000 + ctx.random.int(0, 200000), 'retention', 'events');
    const signups = accounts * (signupShare(t1) - signupShare(t0));
    cost('ads', signups * (15000 + ctx.random.int(0, 6000)), 'acquisition', 'advertising');
  }
}
