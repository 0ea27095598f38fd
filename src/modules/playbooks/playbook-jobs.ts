import { z } from 'zod';
import { defineJob } from '../../jobs/define-job.ts';
import type { TJobSchedule } from '../../jobs/registry.ts';
import { evaluatePlaybooks } from './evaluate-playbooks.ts';
import { EVALUATE_JOB, STEP_JOB } from './playbook-shape.ts';
import { runEnrollment } from './run-enrollment.ts';

/** `playbooks.evaluate`: enroll the matches of every enabled playbook since its watermark. */
export const evaluatePlaybooksJob = defineJob({
  name: EVALUATE_JOB,
  schema: z.object({}).loose(),
  handler: async (_payload, { db, workspaceId, now }) => {
    await evaluatePlaybooks({ db, workspaceId, now });
  },
});

/** `playbooks.step`: run one enrollment up to its next wait or its end (`step_id` and `n` key the job). */
export const runPlaybookStepJob = defineJob({
  name: STEP_JOB,
  schema: z.object({ enrollment_id: z.string(), step_id: z.string(), n: z.number().int().min(0) }),
  handler: async (payload, { store, workspaceId, now }) => {
    await runEnrollment({ store, workspaceId, enrollmentId: payload.enrollment_id, n: payload.n, now });
  },
});

export const playbookJobs = [evaluatePlaybooksJob, runPlaybookStepJob];
export const playbookSchedules: TJobSchedule[] = [{ jobName: EVALUATE_JOB, everySeconds: 60 }];
