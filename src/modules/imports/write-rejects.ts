import { once } from 'node:events';
import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { readCsv } from './read-csv.ts';

const PAGE = 10_000;

/**
 * Writes the rejected rows of a file to `<file>.rejected.csv` (for `x.csv.gz`: `x.csv.rejected.csv`) with
 * their original columns plus `error` (shared/spec/data.md, "General rules"). The file is read a second time
 * and merged with the errors, page by page in line order, so neither the rows nor the errors need to fit
 * in memory. Returns the path written.
 */
export async function writeRejects(trx: TDb, filePath: string, displayName: string): Promise<string> {
  const target = `${filePath.replace(/\.gz$/i, '')}.rejected.csv`;
  await sql`create index on import_errors (line)`.execute(trx);
  const out = fs.createWriteStream(target);
  const write = async (rows: string[][]) => {
    if (!out.write(stringify(rows))) await once(out, 'drain');
  };
  let page: { line: number; error: string }[] = [];
  let at = 0;
  let lastLine = 0;
  let isHeader = true;
  let isDone = false;
  try {
    for await (const records of readCsv(filePath, displayName)) {
      const rows: string[][] = [];
      for (const { line, record } of records) {
        if (isHeader) {
          rows.push([...record, 'error']);
          isHeader = false;
          continue;
        }
        if (at >= page.length) {
          if (isDone) break;
          page = await nextPage(trx, lastLine);
          at = 0;
          isDone = page.length === 0;
          if (isDone) break;
          lastLine = page[page.length - 1]!.line;
        }
        while (at < page.length && page[at]!.line < line) at++;
        const rejected = page[at];
        if (rejected?.line === line) {
          rows.push([...record, rejected.error]);
          at++;
        }
      }
      if (rows.length) await write(rows);
      if (isDone) break;
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return target;
}

async function nextPage(trx: TDb, afterLine: number) {
  const { rows } = await sql<{ line: number; error: string }>`
    select line, string_agg(col || ': ' || message, '; ' order by seq) as error
    from import_errors where line > ${afterLine}
    group by line order by line limit ${PAGE}`.execute(trx);
  return rows;
}
