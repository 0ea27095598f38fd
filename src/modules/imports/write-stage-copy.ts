import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { TStageBatch } from './insert-stage-batch.ts';

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Writes the valid rows of a batch into `import_stage` with COPY FROM STDIN in text format, on the client
 * that holds the file's transaction: on the server several times cheaper than binding arrays for `unnest`
 * (the pg driver escapes every array element in JavaScript, the server then parses the array literals).
 */
export async function writeStageCopy(client: pg.PoolClient, batch: TStageBatch): Promise<void> {
  const { lines, columns } = batch;
  if (lines.length === 0) return;
  const rows: string[] = new Array(lines.length);
  for (let r = 0; r < lines.length; r++) {
    let row = String(lines[r]);
    for (let c = 0; c < columns.length; c++) {
      const value = columns[c]![r];
      row +=
        value === null || value === undefined
          ? '\t\\N'
          : `\t${SPECIAL.test(value) ? escapeCopy(value) : value}`;
    }
    rows[r] = row;
  }
  const stream = client.query(copyFrom('copy import_stage from stdin'));
  stream.end(`${rows.join('\n')}\n`);
  await finished(stream);
}

function escapeCopy(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!);
}
