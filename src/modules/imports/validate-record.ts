import type { TEntity, TRowError } from './import-types.ts';
import type { THeader } from './read-header.ts';
import { validateValue } from './validate-value.ts';

/**
 * Validates one CSV record into `values` (one text per entity column, then the attributes JSON when the
 * entity has them; `null` when empty) and returns its errors, or `null` when it is valid.
 */
export type TRecordValidator = (record: string[], values: (string | null)[]) => TRowError[] | null;

// No leading zeros and at most 15 digits: "02134" (a zip code) or a 20-digit id stays a string.
const NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,6})?$/;
const BOOLEAN: Record<string, boolean> = { true: true, false: false, yes: true, no: false };

/**
 * Builds the validator of one file (shared/spec/data.md, "Files"): column positions, the currency column
 * and the row checks are resolved once per file, and a valid row allocates nothing but its values.
 */
export function compileRecordValidator(
  entity: TEntity,
  header: THeader,
  ctx: { timezone: string; reportingCurrency: string },
): TRecordValidator {
  const columns = entity.columns;
  const indexes = header.indexes;
  const currencyIndex = indexes[columns.findIndex((c) => c.name === 'currency')] ?? -1;
  const valueCtx: { currency?: string; timezone: string } = { timezone: ctx.timezone };
  const positions = new Map(columns.map((c, i) => [c.name, i]));
  let current: (string | null)[] = [];
  const columnValue = (name: string) => current[positions.get(name) ?? -1] ?? null;
  return (record, values) => {
    if (record.length !== header.fieldCount) {
      const message = `has ${record.length} fields but the header has ${header.fieldCount}`;
      return [{ column: 'row', message }];
    }
    let errors: TRowError[] | null = null;
    valueCtx.currency = rowCurrency(entity.amountCurrency, record, currencyIndex, ctx.reportingCurrency);
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i]!;
      const index = indexes[i]!;
      const raw = index < 0 ? '' : record[index]!.trim();
      if (raw === '') {
        if (column.isRequired) errors = withError(errors, column.name, 'missing value');
        values[i] = column.fallback ?? null;
        continue;
      }
      const result = validateValue(column.type, raw, valueCtx);
      if (typeof result === 'string') values[i] = result;
      else {
        errors = withError(errors, column.name, result.error);
        values[i] = null;
      }
    }
    if (errors === null && entity.checkRow) {
      current = values;
      const found = entity.checkRow(columnValue);
      if (found.length) errors = found;
    }
    if (entity.hasAttributes) values[columns.length] = attributesOf(header, record);
    return errors;
  };
}

/** Errors are rare: their list is only allocated for the first one. */
function withError(errors: TRowError[] | null, column: string, message: string): TRowError[] {
  const list = errors ?? [];
  list.push({ column, message });
  return list;
}

function rowCurrency(
  source: TEntity['amountCurrency'],
  record: string[],
  index: number,
  reporting: string,
): string | undefined {
  if (source === 'reporting') return reporting;
  if (source !== 'row') return undefined;
  const raw = index < 0 ? '' : record[index]!.trim();
  return raw === '' ? reporting : raw;
}

/** Custom columns of accounts and contacts, each value typed by what it looks like; empty values omitted. */
function attributesOf(header: THeader, record: string[]): string {
  const attributes: Record<string, unknown> = {};
  for (const { name, index } of header.unknown) {
    const raw = record[index]!.trim();
    if (raw === '' || name === '') continue;
    const bool = BOOLEAN[raw.toLowerCase()];
    if (NUMBER.test(raw)) attributes[name] = Number(raw);
    else if (bool !== undefined) attributes[name] = bool;
    else attributes[name] = raw;
  }
  return JSON.stringify(attributes);
}
