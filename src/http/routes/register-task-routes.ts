import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError } from '../../errors.ts';
import { createTask } from '../../modules/tasks/create-task.ts';
import { findTaskByKey } from '../../modules/tasks/find-task-by-key.ts';
import { findTaskQueues } from '../../modules/tasks/find-task-queues.ts';
import { findTasks, MAX_TASK_PAGE } from '../../modules/tasks/find-tasks.ts';
import { getTask } from '../../modules/tasks/get-task.ts';
import { TASK_PRIORITIES, TASK_SOURCES, TASK_STATUSES } from '../../modules/tasks/task-shape.ts';
import { updateTask } from '../../modules/tasks/update-task.ts';
import { getUser } from '../../modules/users/get-user.ts';
import type { TAppEnv } from '../env.ts';
import { errorResponses, jsonResponse } from '../schemas.ts';

const common = { tags: ['tasks'], security: [{ bearerAuth: [] }] };

const ZTask = z
  .looseObject({
    id: z.string(),
    account_id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    owner_email: z.string().nullable(),
    due_on: z.string().nullable(),
    priority: z.enum(TASK_PRIORITIES),
    status: z.enum(TASK_STATUSES),
    source: z.enum(TASK_SOURCES),
    source_playbook_id: z.string().nullable(),
    source_enrollment_id: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    completed_at: z.string().nullable(),
  })
  .openapi('Task');
const ZTaskPage = z.looseObject({
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
  tasks: z.array(ZTask),
});

// The module checks values and names the field in error; these schemas type the body and document it.
const ZTaskBody = z.strictObject({
  account_id: z.string().min(1),
  title: z.string(),
  description: z.string().nullable().optional(),
  owner_email: z
    .string()
    .nullable()
    .optional()
    .openapi({ description: "default: the account's owner; null leaves the task unassigned" }),
  due_on: z.string().nullable().optional().openapi({ description: 'YYYY-MM-DD' }),
  priority: z.enum(TASK_PRIORITIES).optional(),
  idempotency_key: z.string().min(1).max(200).optional().openapi({
    description: 'a second request with the same key returns the first task instead of a new one',
  }),
});
const ZTaskPatch = z.strictObject({
  title: z.string().optional(),
  description: z.string().nullable().optional(),
  owner_email: z.string().nullable().optional(),
  due_on: z.string().nullable().optional(),
  priority: z.enum(TASK_PRIORITIES).optional(),
  status: z.enum(TASK_STATUSES).optional(),
});
const ZTaskQuery = z.object({
  owner: z.string().optional().openapi({
    description: 'an email, `me` (the signed-in user) or `unassigned`',
  }),
  status: z.string().optional().openapi({ description: 'comma-separated statuses' }),
  account_id: z.string().optional(),
  source: z.enum(TASK_SOURCES).optional(),
  due_before: z.string().optional().openapi({ description: 'due on or before, YYYY-MM-DD' }),
  due_after: z.string().optional().openapi({ description: 'due on or after, YYYY-MM-DD' }),
  overdue: z.enum(['true', 'false']).optional().openapi({ description: 'only open tasks due before today' }),
  limit: z.coerce.number().int().min(1).max(MAX_TASK_PAGE).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const idParam = z.object({ id: z.string().min(1).max(64) });
const jsonBody = <T>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

const list = createRoute({
  ...common,
  method: 'get',
  path: '/v1/tasks',
  summary: 'Tasks matching the filters, by due date then priority, with the total',
  request: { query: ZTaskQuery },
  responses: { 200: jsonResponse(ZTaskPage, 'a page of tasks'), ...errorResponses },
});
const create = createRoute({
  ...common,
  method: 'post',
  path: '/v1/tasks',
  summary: 'Create a task on an account (idempotent with `idempotency_key`)',
  request: jsonBody(ZTaskBody),
  responses: {
    200: jsonResponse(ZTask, 'the task made earlier with this idempotency key'),
    201: jsonResponse(ZTask, 'the task'),
    ...errorResponses,
  },
});
const queues = createRoute({
  ...common,
  method: 'get',
  path: '/v1/tasks/queues',
  summary: "The team view: each owner's open, overdue and due-today task counts",
  request: {
    query: z.object({
      date: z.string().optional().openapi({ description: 'count against this day (default: today)' }),
    }),
  },
  responses: {
    200: jsonResponse(
      z.looseObject({
        date: z.string(),
        queues: z.array(
          z.looseObject({
            owner_email: z.string().nullable(),
            open: z.number(),
            overdue: z.number(),
            due_today: z.number(),
          }),
        ),
      }),
      'queues by owner (unassigned last)',
    ),
    ...errorResponses,
  },
});
const show = createRoute({
  ...common,
  method: 'get',
  path: '/v1/tasks/{id}',
  summary: 'One task',
  request: { params: idParam },
  responses: { 200: jsonResponse(ZTask, 'the task'), ...errorResponses },
});
const update = createRoute({
  ...common,
  method: 'patch',
  path: '/v1/tasks/{id}',
  summary: "Change a task's status, owner, due date, priority or title (done sets completed_at)",
  request: { params: idParam, ...jsonBody(ZTaskPatch) },
  responses: { 200: jsonResponse(ZTask, 'the task'), ...errorResponses },
});
const accountTasks = createRoute({
  tags: ['accounts'],
  security: common.security,
  method: 'get',
  path: '/v1/accounts/{id}/tasks',
  summary: "An account's tasks, by due date then priority",
  request: { params: idParam, query: ZTaskQuery.omit({ account_id: true }) },
  responses: { 200: jsonResponse(ZTaskPage, 'a page of tasks'), ...errorResponses },
});

/** `me` is the signed-in user's email; an API key stands for an integration, which has none. */
async function resolveOwner(c: Context<TAppEnv>, owner: string | undefined): Promise<string | undefined> {
  if (owner !== 'me') return owner;
  const userId = c.get('userId');
  if (!userId) throw new AppError('invalid_input', 'owner: `me` needs a signed-in user, not an API key');
  return (await getUser({ db: c.get('db'), workspaceId: c.get('workspaceId'), idOrEmail: userId })).email;
}

async function findPage(c: Context<TAppEnv>, q: z.infer<typeof ZTaskQuery>, accountId?: string) {
  return findTasks({
    db: c.get('db'),
    workspaceId: c.get('workspaceId'),
    owner: await resolveOwner(c, q.owner),
    statuses: q.status
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) as z.infer<typeof ZTask>['status'][] | undefined,
    accountId: accountId ?? q.account_id,
    source: q.source,
    dueBefore: q.due_before,
    dueAfter: q.due_after,
    isOverdue: q.overdue === 'true',
    limit: q.limit,
    offset: q.offset,
  });
}

/** CSM tasks (issue 4 §3): the queues, one task, and an account's tasks. */
export function registerTaskRoutes(app: OpenAPIHono<TAppEnv>): void {
  app.openapi(list, async (c) => c.json(await findPage(c, c.req.valid('query')), 200));
  app.openapi(create, async (c) => {
    const body = c.req.valid('json');
    const db = c.get('db');
    const workspaceId = c.get('workspaceId');
    const before = body.idempotency_key
      ? await findTaskByKey({ db, workspaceId, idempotencyKey: body.idempotency_key })
      : undefined;
    const task = await createTask({
      db,
      workspaceId,
      accountId: body.account_id,
      title: body.title,
      description: body.description,
      ownerEmail: body.owner_email,
      dueOn: body.due_on,
      priority: body.priority,
      idempotencyKey: body.idempotency_key,
    });
    return c.json(task, before ? 200 : 201);
  });
  // Before /v1/tasks/{id}, which would otherwise take `queues` for an id.
  app.openapi(queues, async (c) => {
    const { date } = c.req.valid('query');
    return c.json(await findTaskQueues({ db: c.get('db'), workspaceId: c.get('workspaceId'), date }), 200);
  });
  app.openapi(show, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await getTask({ db: c.get('db'), workspaceId: c.get('workspaceId'), taskId: id }), 200);
  });
  app.openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const task = await updateTask({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      taskId: id,
      title: body.title,
      description: body.description,
      ownerEmail: body.owner_email,
      dueOn: body.due_on,
      priority: body.priority,
      status: body.status,
    });
    return c.json(task, 200);
  });
  app.openapi(accountTasks, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await findPage(c, c.req.valid('query'), id), 200);
  });
}
