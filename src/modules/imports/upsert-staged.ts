import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import type { TCheckContext, TEntity } from './import-types.ts';
import { sqlValue } from './sql-value.ts';

export type TUpsertResult = { inserted: number; updated: number };

/**
 * Writes the staged rows in one statement. Idempotent by key (shared/spec/data.md, "General rules"): a row
 * whose values did not change is not rewritten (`where … is distinct from …`), and `xmax = 0` tells an
 * insert from an update. Columns absent from the file keep their stored values; custom attributes are
 * merged into the stored ones. The changed keys are kept in `import_changed` for the revenue recompute.
 */
export async function upsertStaged(
  trx: TDb,
  entity: TEntity,
  ctx: TCheckContext,
  present: { columns: Set<string>; hasAttributes: boolean },
): Promise<TUpsertResult> {
  const table = sql.table(entity.name);
  const names = entity.columns.map((c) => c.name);
  const values = entity.columns.map((c) => sqlValue(c.name, c.type, ctx.timezone));
  const updated = names.filter((n) => present.columns.has(n) && !entity.key.includes(n));
  const sets = updated.map((n) => sql`${sql.id(n)} = excluded.${sql.id(n)}`);
  const mine = updated.map((n) => sql`${sql.ref(`${entity.name}.${n}`)}`);
  const theirs = updated.map((n) => sql`excluded.${sql.id(n)}`);
  if (entity.hasAttributes) {
    names.push('attributes');
    values.push(sql`s.attributes::jsonb`);
    if (present.hasAttributes) {
      const merged = sql`${sql.ref(`${entity.name}.attributes`)} || excluded.attributes`;
      sets.push(sql`attributes = ${merged}`);
      mine.push(sql`${sql.ref(`${entity.name}.attributes`)}`);
      theirs.push(merged);
    }
    sets.push(sql`updated_at = now()`);
  }
  const key = entity.key.map((k) => sql.id(k));
  const returnedKey =
    entity.name === 'fx_rates'
      ? sql`fx_rates.currency || ' ' || fx_rates.date`
      : sql`${sql.ref(`${entity.name}.id`)}`;
  await sql`create temp table import_changed (key text, is_new boolean) on commit drop`.execute(trx);
  await sql`with up as (
      insert into ${table} (workspace_id, ${sql.join(names.map((n) => sql.id(n)))})
      select ${ctx.workspaceId}, ${sql.join(values)} from import_stage s
      on conflict (workspace_id, ${sql.join(key)}) do update set ${sql.join(sets)}
      where (${sql.join(mine)}) is distinct from (${sql.join(theirs)})
      returning ${returnedKey} as key, (${sql.ref(`${entity.name}.xmax`)} = 0) as is_new)
    insert into import_changed select key, is_new from up`.execute(trx);
  const { rows } = await sql<{ inserted: number; updated: number }>`
    select count(*) filter (where is_new) as inserted, count(*) filter (where not is_new) as updated
    from import_changed`.execute(trx);
  return { inserted: rows[0]?.inserted ?? 0, updated: rows[0]?.updated ?? 0 };
}
