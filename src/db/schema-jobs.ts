import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp, TimestampNull } from './schema.ts';

export type TJobStatus = 'queued' | 'running' | 'done' | 'dead';
export type TSideEffectStatus = 'claimed' | 'done' | 'uncertain';

export type JobsTable = {
  workspace_id: string;
  /** The job's key (deterministic where two writers could enqueue the same work). */
  id: string;
  name: string;
  payload: Json;
  status: Generated<TJobStatus>;
  run_at: Timestamp;
  attempts: Generated<number>;
  /** null: the definition's maxAttempts (default 5). */
  max_attempts: number | null;
  last_error: string | null;
  locked_by: string | null;
  locked_until: TimestampNull;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  finished_at: TimestampNull;
};

export type SideEffectsTable = {
  workspace_id: string;
  key: string;
  kind: string;
  status: TSideEffectStatus;
  claimed_at: Generated<Date>;
  completed_at: TimestampNull;
  result: ColumnType<unknown, string | null, string | null>;
};

/** Tables of the jobs area (issue 4); merged into `Database` in schema.ts. */
export type JobsTables = {
  jobs: JobsTable;
  side_effects: SideEffectsTable;
};
