import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import type { TRowError } from './import-types.ts';

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
  errors: TRowError[],
): void {
  if (errors.length) {
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
 * Writes a batch with one statement per table: `unnest` of one array parameter per column has no parameter
 * limit and is the fastest bulk path that works the same on PGlite and the server.
 */
export async function insertStageBatch(trx: TDb, batch: TStageBatch): Promise<void> {
  if (batch.lines.length) {
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
