import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { MAX_FILTER_LENGTH } from './parse-filter.ts';

/** A segment as the API and CLI return it (snake_case JSON). */
export type TSegment = {
  id: string;
  name: string;
  description: string | null;
  filter: string;
  member_count: number;
  created_at: string;
  updated_at: string;
};

export const ZSegmentId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
    'letters, digits, "_", "." and "-", at most 64, starting with a letter or digit',
  );
export const ZSegmentName = z.string().trim().min(1).max(200);
export const ZSegmentFilter = z.string().min(1).max(MAX_FILTER_LENGTH);

export function toSegment(row: {
  id: string;
  name: string;
  description: string | null;
  filter: string;
  member_count: number | string;
  created_at: Date;
  updated_at: Date;
}): TSegment {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    filter: row.filter,
    member_count: Number(row.member_count),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/** Validates one field of a segment with its zod schema; a failure is bad input naming the field. */
export function checkSegmentField<T>(schema: z.ZodType<T>, name: string, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('invalid_input', `${name}: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/** A segment id from its name: `Retail VIPs` → `retail-vips`. */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug || 'segment';
}
