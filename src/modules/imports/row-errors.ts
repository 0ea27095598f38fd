import { type RawBuilder, sql } from 'kysely';

export type TRowRule = { column: string; when: RawBuilder<unknown>; message: RawBuilder<unknown> };

/**
 * The tail of a check query that yields `e (col, message)`, one row per broken rule of a row, in the order
 * of `rules`. Rows breaking no rule are filtered out first, so the per-row VALUES list (costly: ~6 µs a
 * row) is only built for the few rows that have errors.
 */
export function rowErrors(rules: TRowRule[]): RawBuilder<unknown> {
  const values = rules.map((r) => sql`(${r.column}::text, case when ${r.when} then ${r.message} end)`);
  return sql`cross join lateral (values ${sql.join(values)}) e (col, message)
    where (${sql.join(
      rules.map((r) => sql`coalesce(${r.when}, false)`),
      sql` or `,
    )}) and e.message is not null`;
}
