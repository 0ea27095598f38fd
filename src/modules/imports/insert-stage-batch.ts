import { sql } from 'kysely';
import type pg from 'pg';
import type { TDb } from '../../db/connect.ts';
import type { TRowError } from './import-types.ts';
import { writeStageCopy } from './write-stage-copy.ts';

export type TStageBatch = {
  lines: number[];
  /** One array per staging column, each as long as `lines`. */
  columns: (string | null)[][];
  errorLines: number[];
  errorColumns: string[];
  errorMessages: string[];
};

export function emptyStageBatch(columnCount: number): TStageBatch {
  return {
    lines: [],
    columns: Array.from({ length: columnCount }, () => []),
    errorLines: [],
    errorColumns: [],
    errorMessages: [],
  };
}

export function addToStageBatch(
  batch: TStageBatch,
  line: number,
  values: (string | null)[],
  errors: TRowError[] | null,
): void {
  if (errors) {
    for (const e of errors) {
      batch.errorLines.push(line);
      batch.errorColumns.push(e.column);
      batch.errorMessages.push(e.message);
    }
    return;
  }
  batch.lines.push(line);
  for (let i = 0; i < values.length; i++) batch.columns[i]!.push(values[i]!);
}

/**
 * Writes a batch with one statement per table: COPY on the server when the transaction's `client` is given,
 * else `unnest` of one array parameter per column (no parameter limit, the fastest bulk path on PGlite).
 */
export async function insertStageBatch(trx: TDb, batch: TStageBatch, client?: pg.PoolClient): Promise<void> {
  if (client) await writeStageCopy(client, batch);
  else if (batch.lines.length) {
    const arrays = batch.columns.map((values) => sql`${values}::text[]`);
    await sql`insert into import_stage select * from unnest(${batch.lines}::int[], ${sql.join(arrays)})`.execute(
      trx,
    );
  }
  if (batch.errorLines.length) {
    await sql`insert into import_errors (line, col, message)
      select * from unnest(${batch.errorLines}::int[], ${batch.errorColumns}::text[], ${batch.errorMessages}::text[])`.execute(
      trx,
    );
  }
}
