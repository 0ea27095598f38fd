import type { Selectable } from 'kysely';
import type { JobsTable, TJobStatus } from '../db/schema-jobs.ts';
import { jobDefinitions } from './registry.ts';

/** Runs before a job is dead-lettered when neither the job nor its definition names a number. */
export const DEFAULT_MAX_ATTEMPTS = 5;

export type TJobRow = Selectable<JobsTable>;

/** A job as the API and the CLI show it (snake_case JSON, ISO timestamps). */
export type TJob = {
  id: string;
  name: string;
  payload: unknown;
  status: TJobStatus;
  run_at: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
};

/** The job's own limit, else its definition's, else the default. */
export function maxAttemptsOf(row: Pick<TJobRow, 'name' | 'max_attempts'>): number {
  return (
    row.max_attempts ?? jobDefinitions.find((d) => d.name === row.name)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
  );
}

export function toJob(row: TJobRow): TJob {
  return {
    id: row.id,
    name: row.name,
    payload: row.payload,
    status: row.status,
    run_at: row.run_at.toISOString(),
    attempts: row.attempts,
    max_attempts: maxAttemptsOf(row),
    last_error: row.last_error,
    locked_by: row.locked_by,
    locked_until: row.locked_until?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    finished_at: row.finished_at?.toISOString() ?? null,
  };
}
