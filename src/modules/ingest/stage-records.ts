import type { TCheckContext, TEntity, TRowError } from '../imports/import-types.ts';
import { addToStageBatch, emptyStageBatch, type TStageBatch } from '../imports/insert-stage-batch.ts';
import type { THeader } from '../imports/read-header.ts';
import type { TUpsertPresence } from '../imports/upsert-staged.ts';
import { compileRecordValidator } from '../imports/validate-record.ts';

/** Fields of a stored account or contact that are not columns of the import (see `attributesOf`). */
const ATTRIBUTES = 'attributes';
const STORED_AT = 'updated_at';

export type TStagedRecords = {
  /** Valid rows and the errors of the others, by item index (the "line" of the staging tables). */
  batch: TStageBatch;
  present: TUpsertPresence;
  warnings: string[];
};

/**
 * Turns JSON records into the text rows of the CSV import, so that both validate and write identically
 * (shared/spec/data.md: "the same records can be sent as JSON"): strings as sent, numbers as `String(n)`
 * (an amount of 0.1 + 0.2 then fails the currency's decimals like a CSV value would), booleans as
 * `true`/`false`, objects as JSON text (`properties`), null or absent as empty. An absent field keeps the
 * stored value on update, as an absent CSV column does; `null` clears it. Unknown fields of accounts and
 * contacts become custom attributes with their JSON types; elsewhere they are a warning.
 */
export function stageRecords(entity: TEntity, items: readonly unknown[], ctx: TCheckContext): TStagedRecords {
  const columns = entity.columns;
  const positions = new Map(columns.map((c, i) => [c.name, i]));
  const masks: (string | null)[] = items.map((item) => (isObject(item) ? maskOf(item, positions) : null));
  const union = unionOf(masks, columns.length);
  const hasRowMask = masks.some((m) => m !== null && m !== union);
  const unknown = new Set<string>();
  for (const item of items) {
    if (!isObject(item)) continue;
    for (const key of Object.keys(item)) if (!positions.has(key)) unknown.add(key);
  }
  const warnings = entity.hasAttributes ? [] : [...unknown].map((k) => `unknown field "${k}" ignored`);
  // Attributes are built here from the JSON values, so the validator sees no unknown columns.
  const header: THeader = { indexes: columns.map((_, i) => i), unknown: [], fieldCount: columns.length };
  const validate = compileRecordValidator(entity, header, ctx);
  const width = columns.length + (entity.hasAttributes ? 1 : 0) + (hasRowMask ? 1 : 0);
  const batch = emptyStageBatch(width);
  const values: (string | null)[] = new Array(width).fill(null);
  const record: string[] = new Array(columns.length);
  items.forEach((item, index) => {
    if (!isObject(item)) {
      addToStageBatch(batch, index, values, [{ column: 'item', message: 'is not a JSON object' }]);
      return;
    }
    const errors = toRecord(item, entity, record);
    if (errors) {
      addToStageBatch(batch, index, values, errors);
      return;
    }
    const rowErrors = validate(record, values);
    if (!rowErrors) {
      if (entity.hasAttributes) values[columns.length] = attributesOf(item, positions);
      if (hasRowMask) values[width - 1] = masks[index]!;
    }
    addToStageBatch(batch, index, values, rowErrors);
  });
  const columnsPresent = new Set(columns.filter((_, i) => union[i] === '1').map((c) => c.name));
  return {
    batch,
    present: { columns: columnsPresent, hasAttributes: entity.hasAttributes === true, hasRowMask },
    warnings,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** '1' for each entity column the item carries (even as null), '0' for each it lacks. */
function maskOf(item: Record<string, unknown>, positions: Map<string, number>): string {
  const mask = new Array<string>(positions.size).fill('0');
  for (const key of Object.keys(item)) {
    const i = positions.get(key);
    if (i !== undefined) mask[i] = '1';
  }
  return mask.join('');
}

function unionOf(masks: (string | null)[], width: number): string {
  const union = new Array<string>(width).fill('0');
  for (const mask of masks) {
    if (mask === null) continue;
    for (let i = 0; i < width; i++) if (mask[i] === '1') union[i] = '1';
  }
  return union.join('');
}

/** The item's values as the text of a CSV record (in column order), or the errors of values no text fits. */
function toRecord(item: Record<string, unknown>, entity: TEntity, record: string[]): TRowError[] | null {
  let errors: TRowError[] | null = null;
  entity.columns.forEach((column, i) => {
    const value = item[column.name];
    if (value === null || value === undefined) record[i] = '';
    else if (typeof value === 'string') record[i] = value;
    else if (typeof value === 'number') record[i] = String(value);
    else if (typeof value === 'boolean') record[i] = value ? 'true' : 'false';
    else if (column.type.kind === 'json') record[i] = JSON.stringify(value);
    else {
      errors ??= [];
      errors.push({ column: column.name, message: `expected a string or a number, not ${describe(value)}` });
    }
  });
  return errors;
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/**
 * Unknown fields of accounts and contacts, with their JSON types; null values are left out (as empty CSV
 * cells). A record read back from the API can be sent again as is: its `attributes` object holds custom
 * attributes and its `updated_at` is the store's own.
 */
function attributesOf(item: Record<string, unknown>, positions: Map<string, number>): string {
  const attributes: Record<string, unknown> = {};
  const add = (key: string, value: unknown) => {
    if (key !== '' && value !== null && value !== undefined) attributes[key] = value;
  };
  for (const [key, value] of Object.entries(item)) {
    if (positions.has(key) || key === STORED_AT) continue;
    if (key === ATTRIBUTES && isObject(value)) {
      for (const [name, inner] of Object.entries(value)) add(name, inner);
    } else add(key, value);
  }
  return JSON.stringify(attributes);
}
