import fs from 'node:fs';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { AppError } from '../../errors.ts';
import { CsvSyntaxError, createCsvParser, type TCsvRecord } from './parse-csv.ts';

export type { TCsvRecord } from './parse-csv.ts';

/**
 * Streams the records of a CSV file in batches (one per chunk of ~1 MB read; gunzipped when the name ends
 * in `.gz`), header first, each with the physical line it starts on. `bytesRead.bytes` follows the bytes
 * read from disk (compressed ones for `.gz`), for progress. A malformed file is an `invalid_input` error.
 */
export async function* readCsv(
  filePath: string,
  displayName: string,
  bytesRead: { bytes: number } = { bytes: 0 },
): AsyncGenerator<TCsvRecord[]> {
  const source = fs.createReadStream(filePath, { highWaterMark: 1 << 20 });
  source.on('data', (chunk) => {
    bytesRead.bytes += chunk.length;
  });
  let input: Readable = source;
  if (filePath.endsWith('.gz')) {
    input = source.pipe(zlib.createGunzip({ chunkSize: 1 << 20 }));
    source.on('error', (error) => input.destroy(error));
  }
  const decoder = new TextDecoder('utf-8');
  const parse = createCsvParser();
  try {
    for await (const chunk of input) {
      const records: TCsvRecord[] = [];
      parse(decoder.decode(chunk as Buffer, { stream: true }), false, records);
      if (records.length) yield records;
    }
    const records: TCsvRecord[] = [];
    parse(decoder.decode(), true, records);
    if (records.length) yield records;
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new AppError('invalid_input', `${displayName}:${error.line}: row: ${error.message}`, {
        errors: [{ file: displayName, line: error.line, column: 'row', message: error.message }],
      });
    }
    const e = error as Error & { code?: string };
    if (e.code === 'Z_DATA_ERROR' || e.code === 'Z_BUF_ERROR') {
      throw new AppError('invalid_input', `${displayName}: not a valid gzip file (${e.message})`);
    }
    throw error;
  } finally {
    source.destroy();
    input.destroy();
  }
}
