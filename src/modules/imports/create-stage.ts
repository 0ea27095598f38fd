import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import type { TEntity } from './import-types.ts';

/**
 * Creates the staging tables of one file inside its transaction: `import_stage` holds the valid rows as
 * text with their line, `import_errors` every row error. Both vanish with the transaction (`on commit
 * drop`), so a killed import leaves nothing behind (shared/spec/data.md: atomic per file).
 */
export async function createStage(trx: TDb, entity: TEntity, hasRowMask = false): Promise<void> {
  const columns = stageColumns(entity, hasRowMask).map((name) => sql`${sql.id(name)} text`);
  await sql`create temp table import_stage (line integer not null, ${sql.join(columns)}) on commit drop`.execute(
    trx,
  );
  await sql`create temp table import_errors (
      seq serial, line integer not null, col text not null, message text not null) on commit drop`.execute(
    trx,
  );
}

/**
 * The text columns of the staging table after `line`, in the order `validateRecord` returns values, then
 * `present_mask` when the rows differ in which columns they carry (see `upsertStaged`).
 */
export function stageColumns(entity: TEntity, hasRowMask = false): string[] {
  const names = entity.columns.map((c) => c.name);
  if (entity.hasAttributes) names.push('attributes');
  if (hasRowMask) names.push('present_mask');
  return names;
}
