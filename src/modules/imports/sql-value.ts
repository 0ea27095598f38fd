import { type RawBuilder, sql } from 'kysely';
import type { TColumnType } from './import-types.ts';

/**
 * The typed value of a staged text column `s.<name>`. A plain date in a timestamp column is midnight in the
 * workspace time zone (shared/spec/data.md, "General rules"); the zone conversion happens here, in SQL.
 */
export function sqlValue(name: string, type: TColumnType, timezone: string): RawBuilder<unknown> {
  const ref = sql.ref(`s.${name}`);
  switch (type.kind) {
    case 'timestamp':
      return sql`(case when length(${ref}) = 10 then (${ref}::date)::timestamp at time zone ${timezone}::text
        else ${ref}::timestamptz end)`;
    case 'date':
      return sql`${ref}::date`;
    case 'amount':
    case 'decimal':
      return sql`${ref}::numeric`;
    case 'integer':
      return sql`${ref}::integer`;
    case 'boolean':
      return sql`${ref}::boolean`;
    case 'json':
      return sql`${ref}::jsonb`;
    default:
      return sql`${ref}`;
  }
}
