import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { findJobs, JOB_STATUSES } from '../../jobs/find-jobs.ts';
import { getJob } from '../../jobs/get-job.ts';
import { retryJob } from '../../jobs/retry-job.ts';
import type { TAppEnv } from '../env.ts';
import { errorResponses, jsonResponse, ZErrorBody } from '../schemas.ts';

const jobsTag = { tags: ['jobs'], security: [{ bearerAuth: [] }] };

const ZJob = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    payload: z.unknown(),
    status: z.enum(JOB_STATUSES as [string, ...string[]]),
    run_at: z.string(),
    attempts: z.number(),
    max_attempts: z.number(),
    last_error: z.string().nullable(),
    locked_by: z.string().nullable(),
    locked_until: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    finished_at: z.string().nullable(),
  })
  .openapi('Job');
const idParam = z.object({ id: z.string().min(1).max(500) });
const adminErrors = {
  ...errorResponses,
  403: { description: 'not an admin', content: { 'application/json': { schema: ZErrorBody } } },
};

const list = createRoute({
  ...jobsTag,
  method: 'get',
  path: '/v1/jobs',
  summary: "The workspace's background jobs, newest first, with their attempts and last error (admin)",
  request: {
    query: z.object({
      status: z.enum(JOB_STATUSES as [string, ...string[]]).optional(),
      name: z.string().optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
    }),
  },
  responses: { 200: jsonResponse(z.looseObject({ jobs: z.array(ZJob) }), 'jobs'), ...adminErrors },
});
const show = createRoute({
  ...jobsTag,
  method: 'get',
  path: '/v1/jobs/{id}',
  summary: 'One job (admin)',
  request: { params: idParam },
  responses: { 200: jsonResponse(ZJob, 'the job'), ...adminErrors },
});
const retry = createRoute({
  ...jobsTag,
  method: 'post',
  path: '/v1/jobs/{id}/retry',
  summary: 'Queue a dead job again, due now, with its attempts reset (admin)',
  request: { params: idParam },
  responses: {
    200: jsonResponse(ZJob, 'the job, queued'),
    ...adminErrors,
    409: { description: 'the job is not dead', content: { 'application/json': { schema: ZErrorBody } } },
  },
});

/** Admin visibility into the durable job queue (issue 4 §1). */
export function registerJobRoutes(app: OpenAPIHono<TAppEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const result = await findJobs({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      status: q.status as (typeof JOB_STATUSES)[number] | undefined,
      name: q.name,
      limit: q.limit,
    });
    return c.json(result, 200);
  });
  app.openapi(show, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await getJob({ db: c.get('db'), workspaceId: c.get('workspaceId'), jobId: id }), 200);
  });
  app.openapi(retry, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await retryJob({ db: c.get('db'), workspaceId: c.get('workspaceId'), jobId: id }), 200);
  });
}
