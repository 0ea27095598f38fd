import fs from 'node:fs';
import type pg from 'pg';
import type { TDb } from '../../db/connect.ts';
import { stageColumns } from './create-stage.ts';
import type { TCheckContext, TEntity, TImportProgress } from './import-types.ts';
import {
  addToStageBatch,
  emptyStageBatch,
  insertStageBatch,
  type TStageBatch,
} from './insert-stage-batch.ts';
import { invalidFileError } from './invalid-file-error.ts';
import { readCsv } from './read-csv.ts';
import { readHeader, type THeader } from './read-header.ts';
import { compileRecordValidator, type TRecordValidator } from './validate-record.ts';

const BATCH_ROWS = 20_000;
const PROGRESS_MS = 100;

export type TStageFileInput = {
  trx: TDb;
  /** The client holding the transaction on the server: staging then goes through COPY. */
  client?: pg.PoolClient;
  ctx: TCheckContext;
  filePath: string;
  displayName: string;
  entity: TEntity;
  warnings: string[];
  onProgress?: (progress: TImportProgress) => void;
};

/**
 * Streams a file into the staging tables: each row validated in JavaScript, valid rows to `import_stage`,
 * errors to `import_errors`, in batches. A batch is written while the next one is parsed (one write in
 * flight at a time), so on the server parsing overlaps the database's work. Returns the header and the
 * number of data rows; throws `invalid_input` for a bad header or an empty file.
 */
export async function stageFile(input: TStageFileInput): Promise<{ header: THeader; rows: number }> {
  const { trx, client, entity, displayName } = input;
  const totalBytes = fs.statSync(input.filePath).size;
  const read = { bytes: 0 };
  let rows = 0;
  let lastReport = 0;
  const report = () => {
    lastReport = Date.now();
    input.onProgress?.({ file: displayName, entity: entity.name, rows, bytes: read.bytes, totalBytes });
  };
  let header: THeader | undefined;
  let validate: TRecordValidator | undefined;
  const width = stageColumns(entity).length;
  const values: (string | null)[] = new Array(width).fill(null);
  let batch = emptyStageBatch(width);
  let pending: Promise<void> = Promise.resolve();
  const write = async (full: TStageBatch) => {
    await pending;
    pending = insertStageBatch(trx, full, client);
    pending.catch(() => {});
    report();
  };
  try {
    for await (const records of readCsv(input.filePath, displayName, read)) {
      for (const { line, record } of records) {
        if (!validate) {
          header = acceptHeader(input, record);
          validate = compileRecordValidator(entity, header, input.ctx);
          continue;
        }
        rows++;
        addToStageBatch(batch, line, values, validate(record, values));
        if (batch.lines.length + batch.errorLines.length >= BATCH_ROWS) {
          await write(batch);
          batch = emptyStageBatch(width);
        } else if ((rows & 1023) === 0 && Date.now() - lastReport >= PROGRESS_MS) report();
      }
    }
    if (!header) {
      const error = {
        file: displayName,
        line: 1,
        column: 'row',
        message: 'the file is empty: expected a header row',
      };
      throw invalidFileError([error], 1, displayName);
    }
    await write(batch);
    await pending;
    return { header, rows };
  } finally {
    // The transaction must not roll back under a write still in flight.
    await pending.catch(() => {});
  }
}

function acceptHeader(input: TStageFileInput, record: string[]): THeader {
  const parsed = readHeader(input.entity, record, input.displayName);
  if ('errors' in parsed) throw invalidFileError(parsed.errors, parsed.errors.length, input.displayName);
  if (!input.entity.hasAttributes) {
    for (const u of parsed.unknown)
      input.warnings.push(`${input.displayName}: unknown column "${u.name}" ignored`);
  }
  return parsed;
}
