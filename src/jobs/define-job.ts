import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { TStore } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';

/** What a handler gets besides its payload. `now` is the worker's clock (tests pass their own). */
export type TJobContext = {
  store: TStore;
  db: Kysely<Database>;
  workspaceId: string;
  jobId: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  now: Date;
};

/** A kind of background work: `name` is stored with each job, `schema` checks its payload. */
export type TJobDefinition<T = unknown> = {
  name: string;
  schema: z.ZodType<T>;
  handler: (payload: T, context: TJobContext) => Promise<void>;
  /** Runs before the job is dead-lettered (default 5). */
  maxAttempts?: number;
  /**
   * Called when the job is dead-lettered with a valid payload, whichever way: the handler failed on its
   * last attempt, or the worker of the last attempt died before finishing (then the handler never saw that
   * attempt end). For marking the record the job works on as failed, so it does not stay pending forever.
   */
  onDead?: (payload: T, context: TJobContext & { error: string }) => Promise<void>;
};

export function defineJob<T>(definition: TJobDefinition<T>): TJobDefinition<T> {
  return definition;
}
