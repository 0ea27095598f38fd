import { type RawBuilder, sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import type { TCheckContext, TEntity } from './import-types.ts';

/**
 * The checks that need more than one row, run in SQL over the staging table once the file is read:
 * duplicate keys within the file, references to the workspace (shared/spec/data.md, "References"), FX
 * rates and the entity's own rules. Failing rows get errors and leave `import_stage`.
 */
export async function checkStaged(trx: TDb, entity: TEntity, ctx: TCheckContext): Promise<void> {
  const checks: RawBuilder<unknown>[] = [duplicateCheck(entity)];
  for (const column of entity.columns) {
    if (column.type.kind !== 'ref') continue;
    const ref = sql.ref(`s.${column.name}`);
    checks.push(sql`select s.line, ${column.name}::text, ${`unknown ${column.type.noun} "`}::text || ${ref} || '"'
      from import_stage s
      where ${ref} is not null and not exists (select 1 from ${sql.table(column.type.table)} t
        where t.workspace_id = ${ctx.workspaceId} and t.id = ${ref})`);
  }
  checks.push(...(entity.sqlChecks?.(ctx) ?? []));
  for (const check of checks) {
    await sql`insert into import_errors (line, col, message) ${check}`.execute(trx);
  }
  await sql`delete from import_stage where line in (select line from import_errors)`.execute(trx);
}

/** The second and later occurrences of a key are errors naming the first line (found by a window, not in JS). */
function duplicateCheck(entity: TEntity): RawBuilder<unknown> {
  if (entity.name === 'fx_rates') {
    return sql`select line, 'date', 'duplicate rate for ' || currency || ' on ' || date
        || ' (first on line ' || first || ')'
      from (select line, currency, date, min(line) over (partition by currency, date) as first
        from import_stage) d
      where line <> first`;
  }
  return sql`select line, 'id', 'duplicate id "' || id || '" (first on line ' || first || ')'
    from (select line, id, min(line) over (partition by id) as first from import_stage) d
    where line <> first`;
}
