import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { TPlaybookDefinition } from './playbook-definition.ts';

/** A playbook as the API and CLI return it (snake_case JSON). */
export type TPlaybook = {
  id: string;
  name: string;
  description: string | null;
  template_id: string | null;
  is_enabled: boolean;
  version: number;
  definition: TPlaybookDefinition;
  created_at: string;
  updated_at: string;
};

export const ZPlaybookId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
    'letters, digits, "_", "." and "-", at most 64, starting with a letter or digit',
  );

/**
 * How far back a playbook's first evaluation looks: creating (or enabling) a playbook enrolls the
 * occurrences of the last hour, so the event that prompted it still counts, but never all of history.
 */
export const FIRST_EVALUATION_LOOKBACK_MS = 60 * 60 * 1000;

/**
 * Each evaluation re-reads this much before its watermark (never before the playbook became active):
 * trigger rows stamped before the last evaluation but written after it — a long transaction, or a daily CSV
 * import of yesterday's survey answers, payments or cancellations — still enroll. Enrollment is idempotent
 * per occurrence, so the overlap never enrolls twice.
 */
export const EVALUATION_OVERLAP_MS = 3 * 24 * 60 * 60 * 1000;

/** The job that evaluates every enabled playbook's trigger (scheduled every 60 s per workspace). */
export const EVALUATE_JOB = 'playbooks.evaluate';
/** The job that runs an enrollment's steps up to its next wait or its end. */
export const STEP_JOB = 'playbooks.step';

export function toPlaybook(row: {
  id: string;
  name: string;
  description: string | null;
  template_id: string | null;
  is_enabled: boolean;
  version: number;
  definition: unknown;
  created_at: Date;
  updated_at: Date;
}): TPlaybook {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    template_id: row.template_id,
    is_enabled: row.is_enabled,
    version: row.version,
    definition: row.definition as TPlaybookDefinition,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/** The same playbook and occurrence always give the same enrollment id (so enrolling twice collides). */
export function enrollmentIdOf(playbookId: string, occurrenceKey: string): string {
  const digest = createHash('sha256').update(`${playbookId}\u0000${occurrenceKey}`).digest('hex');
  return `enr_${digest.slice(0, 24)}`;
}

/** `Onboarding welcome!` → `onboarding-welcome`. */
export function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return slug || 'playbook';
}
