import type { TEntity, TRowError, TRowValues } from './import-types.ts';
import type { THeader } from './read-header.ts';
import { validateValue } from './validate-value.ts';

export type TValidatedRecord = {
  /** One text per entity column (then the attributes JSON when the entity has them), `null` when empty. */
  values: (string | null)[];
  errors: TRowError[];
};

// No leading zeros and at most 15 digits: "02134" (a zip code) or a 20-digit id stays a string.
const NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,6})?$/;
const BOOLEAN: Record<string, boolean> = { true: true, false: false, yes: true, no: false };

/** Validates one CSV record against its entity (shared/spec/data.md, "Files"): empty values are `null`. */
export function validateRecord(
  entity: TEntity,
  header: THeader,
  record: string[],
  ctx: { timezone: string; reportingCurrency: string },
): TValidatedRecord {
  if (record.length !== header.fieldCount) {
    const message = `has ${record.length} fields but the header has ${header.fieldCount}`;
    return { values: [], errors: [{ column: 'row', message }] };
  }
  const errors: TRowError[] = [];
  const row: TRowValues = {};
  const currency = rowCurrency(entity, header, record, ctx.reportingCurrency);
  const values = entity.columns.map((column, i) => {
    const index = header.indexes[i]!;
    const raw = index < 0 ? '' : record[index]!.trim();
    if (raw === '') {
      if (column.isRequired) errors.push({ column: column.name, message: 'missing value' });
      row[column.name] = column.fallback ?? null;
      return row[column.name]!;
    }
    const result = validateValue(column.type, raw, { currency, timezone: ctx.timezone });
    if ('error' in result) {
      errors.push({ column: column.name, message: result.error });
      row[column.name] = null;
      return null;
    }
    row[column.name] = result.value;
    return result.value;
  });
  if (errors.length === 0 && entity.checkRow) errors.push(...entity.checkRow(row));
  if (entity.hasAttributes) values.push(attributesOf(header, record));
  return { values, errors };
}

function rowCurrency(
  entity: TEntity,
  header: THeader,
  record: string[],
  reporting: string,
): string | undefined {
  if (entity.amountCurrency === 'reporting') return reporting;
  if (entity.amountCurrency !== 'row') return undefined;
  const index = header.indexes[entity.columns.findIndex((c) => c.name === 'currency')] ?? -1;
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
