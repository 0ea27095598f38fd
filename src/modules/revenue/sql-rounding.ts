import { type RawBuilder, sql } from 'kysely';

/**
 * Rounding of shared/spec/cli.md "JSON shapes": money to 2 decimals, rates to 6, a rate over a zero
 * denominator is null. Rounding happens once, in SQL, on exact numerics; JavaScript only converts the
 * rounded decimal string to a number for output.
 */
export function money(value: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql<string | null>`round((${value})::numeric, 2)`;
}

export function ratio(
  numerator: RawBuilder<unknown>,
  denominator: RawBuilder<unknown>,
): RawBuilder<string | null> {
  return sql<string | null>`round((${numerator})::numeric / nullif((${denominator})::numeric, 0), 6)`;
}

/** A rounded decimal string (or null) from the database as a JSON number (or null). */
export function toNumber(value: string | number | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}
