import type { TJobDefinition } from './define-job.ts';

/** Every job the workers know, by name. Each area adds its definitions here (one line each). */
export const jobDefinitions: TJobDefinition<any>[] = [];

/**
 * Recurring work: every `everySeconds`, for every workspace, one job `jobName` with the deterministic key
 * `<jobName>@<slot start ISO>`, so racing schedulers collide instead of doubling the work.
 */
export type TJobSchedule = { jobName: string; everySeconds: number };
export const jobSchedules: TJobSchedule[] = [];
