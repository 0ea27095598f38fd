import type { TEntity, TImportError } from './import-types.ts';

export type THeader = {
  /** For each column of the entity, its index in the record, or -1 when the file lacks it. */
  indexes: number[];
  /** Columns the entity does not define: custom attributes or warnings. */
  unknown: { name: string; index: number }[];
  fieldCount: number;
};

/**
 * Maps a header row to the entity's columns: names are case-insensitive and trimmed, order is free
 * (shared/spec/data.md, "General rules"). A missing required column is one error for the whole file.
 */
export function readHeader(
  entity: TEntity,
  fields: string[],
  file: string,
): THeader | { errors: TImportError[] } {
  const positions = new Map<string, number>();
  const errors: TImportError[] = [];
  const unknown: THeader['unknown'] = [];
  const known = new Set(entity.columns.map((c) => c.name));
  fields.forEach((field, index) => {
    const name = field.trim();
    const lower = name.toLowerCase();
    if (positions.has(lower)) {
      errors.push({ file, line: 1, column: name, message: 'duplicate column' });
      return;
    }
    positions.set(lower, index);
    if (!known.has(lower)) unknown.push({ name, index });
  });
  for (const column of entity.columns) {
    if (column.isRequired && !positions.has(column.name)) {
      errors.push({ file, line: 1, column: column.name, message: 'missing required column' });
    }
  }
  if (errors.length) return { errors };
  return {
    indexes: entity.columns.map((c) => positions.get(c.name) ?? -1),
    unknown,
    fieldCount: fields.length,
  };
}
