import { dunningJobs, dunningSchedules } from '../modules/dunning/dunning-jobs.ts';
import { sendEmailJob } from '../modules/messaging/send-email-job.ts';
import { playbookJobs, playbookSchedules } from '../modules/playbooks/playbook-jobs.ts';
import { deliverWebhookJob } from '../modules/webhooks/deliver-webhook-job.ts';
import type { TJobDefinition } from './define-job.ts';
import { pruneJobsJob } from './prune-jobs.ts';

/** Every job the workers know, by name. Each area adds its definitions here (one line each). */
export const jobDefinitions: TJobDefinition<any>[] = [];
jobDefinitions.push(deliverWebhookJob);
jobDefinitions.push(...dunningJobs);
jobDefinitions.push(sendEmailJob);
jobDefinitions.push(...playbookJobs);
jobDefinitions.push(pruneJobsJob);

/**
 * Recurring work: every `everySeconds`, for every workspace, one job `jobName` with the deterministic key
 * `<jobName>@<slot start ISO>`, so racing schedulers collide instead of doubling the work.
 */
export type TJobSchedule = { jobName: string; everySeconds: number };
export const jobSchedules: TJobSchedule[] = [];
jobSchedules.push(...dunningSchedules);
jobSchedules.push(...playbookSchedules);
jobSchedules.push({ jobName: 'jobs.prune', everySeconds: 86_400 });
