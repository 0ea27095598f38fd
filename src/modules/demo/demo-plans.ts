/**
 * The demo's price book: three tiers × monthly/quarterly/annual × two versions (v1 is the grandfathered
 * first-year price list, v2 the current one), each in USD and CRC. Scale is priced per seat.
 */
export type TTier = 'starter' | 'growth' | 'scale';
export type TInterval = 'monthly' | 'quarterly' | 'annual';
export type TVersion = 'v1' | 'v2';
export type TCurrency = 'USD' | 'CRC';

export const TIERS: readonly TTier[] = ['starter', 'growth', 'scale'];
export const INTERVAL_MONTHS: Record<TInterval, number> = { monthly: 1, quarterly: 3, annual: 12 };

/** Monthly list price in US cents (per seat for Scale). */
const MONTHLY_USD_CENTS: Record<TVersion, Record<TTier, number>> = {
  v1: { starter: 2900, growth: 9900, scale: 2000 },
  v2: { starter: 3900, growth: 12900, scale: 2500 },
};

/** Local CRC list prices: the USD price at ~520 colones, rounded to 500 colones (per seat: to 100). */
function crcCents(usdCents: number, tier: TTier): number {
  const step = tier === 'scale' ? 100 : 500;
  return Math.round(((usdCents / 100) * 520) / step) * step * 100;
}

export function isPerSeat(tier: TTier): boolean {
  return tier === 'scale';
}

/** The list price of one billing period (one seat for Scale) in minor units of the currency. */
export function periodPriceCents(
  tier: TTier,
  interval: TInterval,
  version: TVersion,
  currency: TCurrency,
): number {
  const monthly = MONTHLY_USD_CENTS[version][tier];
  const local = currency === 'USD' ? monthly : crcCents(monthly, tier);
  return local * INTERVAL_MONTHS[interval];
}

export function planId(tier: TTier, interval: TInterval, version: TVersion, currency: TCurrency): string {
  return `${tier}-${interval}-${version}-${currency.toLowerCase()}`;
}

export function planName(tier: TTier): string {
  return tier === 'starter' ? 'Starter' : tier === 'growth' ? 'Growth' : 'Scale';
}

/** The rows of plans.csv: id, name, interval_unit, interval_count, amount, currency, version. */
export function listPlanRows(formatCents: (cents: number) => string): string[][] {
  const rows: string[][] = [];
  for (const version of ['v1', 'v2'] as const)
    for (const currency of ['USD', 'CRC'] as const)
      for (const tier of TIERS)
        for (const interval of ['monthly', 'quarterly', 'annual'] as const) {
          const months = INTERVAL_MONTHS[interval];
          rows.push([
            planId(tier, interval, version, currency),
            planName(tier),
            months === 12 ? 'year' : 'month',
            String(months === 12 ? 1 : months),
            formatCents(periodPriceCents(tier, interval, version, currency)),
            currency,
            version,
          ]);
        }
  return rows;
}
