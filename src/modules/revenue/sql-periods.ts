import { type RawBuilder, sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../errors.ts';

export const ZInterval = z.enum(['day', 'week', 'month', 'quarter', 'year']);
export type TInterval = z.infer<typeof ZInterval>;

/** Period labels of shared/spec/cli.md: 2024-03-05, 2024-W09 (ISO week, Monday first), 2024-03, 2024-Q1, 2024. */
const shapes: Record<TInterval, { unit: string; step: string; label: string }> = {
  day: { unit: 'day', step: '1 day', label: 'YYYY-MM-DD' },
  week: { unit: 'week', step: '1 week', label: 'IYYY-"W"IW' },
  month: { unit: 'month', step: '1 month', label: 'YYYY-MM' },
  quarter: { unit: 'quarter', step: '3 months', label: 'YYYY-"Q"Q' },
  year: { unit: 'year', step: '1 year', label: 'YYYY' },
};

const ZDateArg = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/);

/**
 * A `YYYY-MM` or `YYYY-MM-DD` argument as a day: `YYYY-MM` means the month's first day, or its last when
 * `edge` is 'end' (so `--to 2024-03` includes March).
 */
export function parseDay(value: string, edge: 'start' | 'end', name: string): string {
  if (!ZDateArg.safeParse(value).success) {
    throw new AppError('invalid_input', `${name}: expected YYYY-MM or YYYY-MM-DD, got "${value}"`);
  }
  const [y, m, d] = value.split('-').map(Number) as [number, number, number | undefined];
  const date =
    d !== undefined
      ? new Date(Date.UTC(y, m - 1, d))
      : new Date(Date.UTC(y, edge === 'start' ? m - 1 : m, edge === 'start' ? 1 : 0));
  const iso = date.toISOString().slice(0, 10);
  if (m < 1 || m > 12 || (d !== undefined && iso !== value)) {
    throw new AppError('invalid_input', `${name}: "${value}" is not a calendar date`);
  }
  return iso;
}

/** The first day of the `interval` period containing `day`, in SQL. */
export function periodStartOf(interval: TInterval, day: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`date_trunc(${sql.lit(shapes[interval].unit)}, (${day})::timestamp)::date`;
}

/** The SQL interval of one period (a quarter is 3 months). */
export function periodStep(interval: TInterval): RawBuilder<unknown> {
  return sql`interval ${sql.lit(shapes[interval].step)}`;
}

/**
 * CTE `periods(period, p_start, p_end)`: every period from the one containing `from` to the one containing
 * `to`, with data or not; `p_end` is the last day (inclusive).
 */
export function periodsCte(interval: TInterval, from: string, to: string): RawBuilder<unknown> {
  const { label } = shapes[interval];
  return sql`periods as (
    select to_char(s, ${sql.lit(label)}) as period, s::date as p_start,
      (s + ${periodStep(interval)} - interval '1 day')::date as p_end
    from generate_series(${periodStartOf(interval, sql`${from}::date`)}::timestamp, ${to}::date::timestamp,
      ${periodStep(interval)}) s
  )`;
}
