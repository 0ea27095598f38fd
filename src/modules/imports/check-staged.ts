import { type RawBuilder, sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import type { TCheckContext, TColumn, TEntity } from './import-types.ts';
import { rowErrors } from './row-errors.ts';

/**
 * The checks that need more than one row, run in SQL over the staging table once the file is read:
 * duplicate keys within the file, references to the workspace (shared/spec/data.md, "References"), FX
 * rates and the entity's own rules. Failing rows get errors and leave `import_stage`. Each check is one
 * pass over the staging table, whatever the number of rules it holds.
 */
export async function checkStaged(
  trx: TDb,
  entity: TEntity,
  ctx: TCheckContext,
  /** How errors name the position of a row: a file's line, a JSON request's item index. */
  position: 'line' | 'index' = 'line',
): Promise<void> {
  const checks: RawBuilder<unknown>[] = [
    duplicateCheck(entity, position === 'line' ? 'on line' : 'at index'),
  ];
  const refs = entity.columns.filter((c) => c.type.kind === 'ref');
  if (refs.length) checks.push(referenceCheck(refs, ctx));
  checks.push(...(entity.sqlChecks?.(ctx) ?? []));
  for (const check of checks) {
    await sql`insert into import_errors (line, col, message) ${check}`.execute(trx);
  }
  await sql`delete from import_stage where line in (select line from import_errors)`.execute(trx);
}

/**
 * The second and later occurrences of a key are errors naming the first line: found by grouping the
 * staging table (a hash aggregate, cheaper than a window over a sort), not in JavaScript.
 */
function duplicateCheck(entity: TEntity, where: string): RawBuilder<unknown> {
  const first = sql.lit(` (first ${where} `);
  if (entity.name === 'fx_rates') {
    return sql`select s.line, 'date', 'duplicate rate for ' || s.currency || ' on ' || s.date
        || ${first} || d.first || ')'
      from import_stage s join (select currency, date, min(line) as first from import_stage
        group by currency, date having count(*) > 1) d on d.currency = s.currency and d.date = s.date
      where s.line <> d.first`;
  }
  return sql`select s.line, 'id', 'duplicate id "' || s.id || '"' || ${first} || d.first || ')'
    from import_stage s join (select id, min(line) as first from import_stage
      group by id having count(*) > 1) d on d.id = s.id
    where s.line <> d.first`;
}

/** Every reference column of a row looked up at once: `unknown account "acc_9"` (data.md, "References"). */
function referenceCheck(refs: TColumn[], ctx: TCheckContext): RawBuilder<unknown> {
  const joins = refs.map((column, i) => {
    const type = column.type as { table: string };
    return sql`left join ${sql.table(type.table)} ${sql.id(`r${i}`)} on ${sql.ref(`r${i}.workspace_id`)} = ${ctx.workspaceId}
      and ${sql.ref(`r${i}.id`)} = ${sql.ref(`s.${column.name}`)}`;
  });
  const errors = rowErrors(
    refs.map((column, i) => {
      const ref = sql.ref(`s.${column.name}`);
      const noun = (column.type as { noun: string }).noun;
      return {
        column: column.name,
        when: sql`${ref} is not null and ${sql.ref(`r${i}.id`)} is null`,
        message: sql`${`unknown ${noun} "`}::text || ${ref} || '"'`,
      };
    }),
  );
  return sql`select s.line, e.col, e.message from import_stage s ${sql.join(joins, sql` `)} ${errors}`;
}
