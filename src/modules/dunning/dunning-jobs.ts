import { z } from 'zod';
import { defineJob, type TJobDefinition } from '../../jobs/define-job.ts';
import type { TJobSchedule } from '../../jobs/registry.ts';
import { RETRY_JOB } from './enqueue-dunning-retry.ts';
import { finalizeDunningCase } from './finalize-dunning-case.ts';
import { notifyDunningCase } from './notify-dunning-case.ts';
import { NOTIFY_JOB } from './open-dunning-case.ts';
import { retryDunningCase } from './retry-dunning-case.ts';
import { scanDunningCases } from './scan-dunning-cases.ts';
import { FINAL_JOB } from './schedule-next-step.ts';
import { sendCardExpiringNotices } from './send-card-expiring-notices.ts';

const ZCase = z.object({ case_id: z.string() });

/** Every job of the dunning area (registered in src/jobs/registry.ts). */
export const dunningJobs: TJobDefinition<any>[] = [
  defineJob({
    name: 'dunning.scan',
    schema: z.object({}).passthrough(),
    handler: async (_, ctx) => {
      await scanDunningCases({ db: ctx.db, workspaceId: ctx.workspaceId, now: ctx.now });
    },
  }),
  defineJob({
    name: RETRY_JOB,
    schema: ZCase.extend({ attempt: z.number().int().min(1) }),
    handler: async (payload, ctx) => {
      await retryDunningCase({
        store: ctx.store,
        workspaceId: ctx.workspaceId,
        caseId: payload.case_id,
        attempt: payload.attempt,
        now: ctx.now,
      });
    },
  }),
  defineJob({
    name: NOTIFY_JOB,
    schema: ZCase.extend({ notice: z.number().int().min(0) }),
    handler: async (payload, ctx) => {
      await notifyDunningCase({
        db: ctx.db,
        workspaceId: ctx.workspaceId,
        caseId: payload.case_id,
        notice: payload.notice,
        now: ctx.now,
      });
    },
  }),
  defineJob({
    name: FINAL_JOB,
    schema: ZCase.extend({ blocked_after_attempt: z.number().int().min(0).optional() }),
    handler: async (payload, ctx) => {
      await finalizeDunningCase({
        store: ctx.store,
        workspaceId: ctx.workspaceId,
        caseId: payload.case_id,
        blockedAfterAttempt: payload.blocked_after_attempt,
        now: ctx.now,
      });
    },
  }),
  defineJob({
    name: 'dunning.pre_dunning',
    schema: z.object({}).passthrough(),
    handler: async (_, ctx) => {
      await sendCardExpiringNotices({ db: ctx.db, workspaceId: ctx.workspaceId, now: ctx.now });
    },
  }),
];

export const dunningSchedules: TJobSchedule[] = [
  { jobName: 'dunning.scan', everySeconds: 60 },
  { jobName: 'dunning.pre_dunning', everySeconds: 86_400 },
];
