import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  findLifecycleEvents,
  LIFECYCLE_EVENT_TYPES,
  type TLifecycleEventType,
} from '../../modules/lifecycle/find-lifecycle-events.ts';
import { refreshClassifications } from '../../modules/lifecycle/refresh-classifications.ts';
import { createSegment } from '../../modules/segments/create-segment.ts';
import { deleteSegment } from '../../modules/segments/delete-segment.ts';
import { findSegmentMembers } from '../../modules/segments/find-segment-members.ts';
import { findSegments } from '../../modules/segments/find-segments.ts';
import { getSegment } from '../../modules/segments/get-segment.ts';
import { previewSegment } from '../../modules/segments/preview-segment.ts';
import { MAX_PAGE, searchAccounts } from '../../modules/segments/search-accounts.ts';
import { updateSegment } from '../../modules/segments/update-segment.ts';
import type { TAppEnv } from '../env.ts';
import { errorResponses, jsonResponse, ZErrorBody } from '../schemas.ts';

const security = [{ bearerAuth: [] }];
const segmentsTag = { tags: ['segments'], security };
const accountsTag = { tags: ['accounts'], security };

const ZSegment = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    filter: z.string(),
    member_count: z.number(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Segment');
const ZAccountRow = z
  .looseObject({
    account_id: z.string(),
    name: z.string(),
    owner_email: z.string().nullable(),
    mrr: z.number(),
    customer: z.boolean(),
    tier: z.string().nullable(),
    stage: z.string().nullable(),
    health_score: z.number().nullable(),
    health_band: z.string().nullable(),
  })
  .openapi('AccountRow');
const ZLifecycleEvent = z
  .looseObject({
    id: z.number(),
    account_id: z.string(),
    type: z.enum(LIFECYCLE_EVENT_TYPES as [string, ...string[]]),
    segment_id: z.string().nullable(),
    from_value: z.string().nullable(),
    to_value: z.string().nullable(),
    occurred_at: z.string(),
  })
  .openapi('LifecycleEvent');

const filterDoc =
  'A segment filter, e.g. `tier = "vip" AND (health_band = "red" OR mrr > 500) AND NOT stage = "churned"`; ' +
  'see README "Segments".';
// The module validates names, ids and filters and names the problem (with the filter's column); these
// schemas type the body and document it.
const ZSegmentBody = z.strictObject({
  id: z.string().optional(),
  name: z.string(),
  description: z.string().nullable().optional(),
  filter: z.string().openapi({ description: filterDoc }),
});
const ZSegmentPatch = z.strictObject({
  name: z.string().optional(),
  description: z.string().nullable().optional(),
  filter: z.string().optional().openapi({ description: filterDoc }),
});
const jsonBody = <T>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
const idParam = z.object({ id: z.string().min(1).max(64) });
const limit = (fallback: number) => z.coerce.number().int().min(1).max(MAX_PAGE).default(fallback);
const offset = z.coerce.number().int().min(0).default(0);
const writeErrors = {
  ...errorResponses,
  409: {
    description: 'a segment with this id exists',
    content: { 'application/json': { schema: ZErrorBody } },
  },
};

const list = createRoute({
  ...segmentsTag,
  method: 'get',
  path: '/v1/segments',
  summary: 'Every segment with its member count',
  responses: {
    200: jsonResponse(z.looseObject({ segments: z.array(ZSegment) }), 'segments by name'),
    ...errorResponses,
  },
});
const create = createRoute({
  ...segmentsTag,
  method: 'post',
  path: '/v1/segments',
  summary: 'Create a segment; its members are computed at once (and their segment_entered events written)',
  request: jsonBody(ZSegmentBody),
  responses: { 201: jsonResponse(ZSegment, 'the segment'), ...writeErrors },
});
const show = createRoute({
  ...segmentsTag,
  method: 'get',
  path: '/v1/segments/{id}',
  summary: 'One segment',
  request: { params: idParam },
  responses: { 200: jsonResponse(ZSegment, 'the segment'), ...errorResponses },
});
const update = createRoute({
  ...segmentsTag,
  method: 'put',
  path: '/v1/segments/{id}',
  summary: "Change a segment's name, description or filter; its members are recomputed",
  request: { params: idParam, ...jsonBody(ZSegmentPatch) },
  responses: { 200: jsonResponse(ZSegment, 'the segment'), ...errorResponses },
});
const remove = createRoute({
  ...segmentsTag,
  method: 'delete',
  path: '/v1/segments/{id}',
  summary: 'Delete a segment and its memberships (past lifecycle events stay)',
  request: { params: idParam },
  responses: {
    200: jsonResponse(z.looseObject({ id: z.string(), deleted: z.literal(true) }), 'deleted'),
    ...errorResponses,
  },
});
const members = createRoute({
  ...segmentsTag,
  method: 'get',
  path: '/v1/segments/{id}/members',
  summary: "A page of a segment's members by name, with MRR, tier, stage and health",
  request: { params: idParam, query: z.object({ limit: limit(100), offset }) },
  responses: {
    200: jsonResponse(
      z.looseObject({
        segment: ZSegment,
        total: z.number(),
        members: z.array(ZAccountRow.extend({ entered_at: z.string() })),
      }),
      'members',
    ),
    ...errorResponses,
  },
});
const preview = createRoute({
  ...segmentsTag,
  method: 'post',
  path: '/v1/segments/preview',
  summary: 'How many accounts a filter matches now and the first of them, without saving',
  request: jsonBody(
    z.strictObject({
      filter: z.string().openapi({ description: filterDoc }),
      limit: z.number().int().min(1).max(MAX_PAGE).optional(),
    }),
  ),
  responses: {
    200: jsonResponse(
      z.looseObject({ filter: z.string(), count: z.number(), members: z.array(ZAccountRow) }),
      'the matches',
    ),
    ...errorResponses,
  },
});
const accounts = createRoute({
  ...accountsTag,
  method: 'get',
  path: '/v1/accounts',
  summary: 'Accounts with MRR, tier, stage and health: search, filter, sort and page, with the total',
  request: {
    query: z.object({
      tier: z.string().optional(),
      stage: z.string().optional(),
      segment_id: z.string().optional(),
      filter: z.string().optional().openapi({ description: filterDoc }),
      q: z.string().optional().openapi({ description: 'text in the id, name or owner email' }),
      sort: z.string().optional().openapi({
        description: 'name, mrr, health_score, tier, stage or created_at; `-` first for descending',
      }),
      limit: limit(50),
      offset,
    }),
  },
  responses: {
    200: jsonResponse(
      z.looseObject({
        total: z.number(),
        limit: z.number(),
        offset: z.number(),
        accounts: z.array(ZAccountRow),
      }),
      'a page of accounts',
    ),
    ...errorResponses,
  },
});
const events = createRoute({
  ...accountsTag,
  method: 'get',
  path: '/v1/lifecycle-events',
  summary: 'Segment entries and exits, tier, stage and health band changes, newest first',
  request: {
    query: z.object({
      account_id: z.string().optional(),
      segment_id: z.string().optional(),
      since: z.string().optional().openapi({ description: 'YYYY-MM-DD or an ISO 8601 timestamp' }),
      types: z.string().optional().openapi({ description: 'comma-separated event types' }),
      limit: limit(100),
    }),
  },
  responses: {
    200: jsonResponse(z.looseObject({ events: z.array(ZLifecycleEvent) }), 'events'),
    ...errorResponses,
  },
});
const classify = createRoute({
  ...accountsTag,
  method: 'post',
  path: '/v1/lifecycle/classify',
  summary: "Recompute every account's tier and lifecycle stage, then every segment's members",
  responses: {
    200: jsonResponse(
      z.looseObject({
        date: z.string(),
        accounts: z.number(),
        tier_changes: z.number(),
        stage_changes: z.number(),
        segments: z.array(
          z.looseObject({ id: z.string(), members: z.number(), entered: z.number(), left: z.number() }),
        ),
      }),
      'what changed',
    ),
    ...errorResponses,
  },
});

/** Segments, the account table, lifecycle events and classification (issue 3 item 7). */
export function registerSegmentRoutes(app: OpenAPIHono<TAppEnv>): void {
  app.openapi(list, async (c) =>
    c.json(await findSegments({ db: c.get('db'), workspaceId: c.get('workspaceId') }), 200),
  );
  app.openapi(preview, async (c) => {
    const body = c.req.valid('json');
    const result = await previewSegment({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      filter: body.filter,
      limit: body.limit,
    });
    return c.json(result, 200);
  });
  app.openapi(create, async (c) => {
    const body = c.req.valid('json');
    const segment = await createSegment({ db: c.get('db'), workspaceId: c.get('workspaceId'), ...body });
    return c.json(segment, 201);
  });
  app.openapi(show, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(
      await getSegment({ db: c.get('db'), workspaceId: c.get('workspaceId'), segmentId: id }),
      200,
    );
  });
  app.openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const segment = await updateSegment({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      segmentId: id,
      ...body,
    });
    return c.json(segment, 200);
  });
  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(
      await deleteSegment({ db: c.get('db'), workspaceId: c.get('workspaceId'), segmentId: id }),
      200,
    );
  });
  app.openapi(members, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const result = await findSegmentMembers({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      segmentId: id,
      limit: q.limit,
      offset: q.offset,
    });
    return c.json(result, 200);
  });
  app.openapi(accounts, async (c) => {
    const q = c.req.valid('query');
    const result = await searchAccounts({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      tier: q.tier,
      stage: q.stage,
      segmentId: q.segment_id,
      filter: q.filter,
      q: q.q,
      sort: q.sort,
      limit: q.limit,
      offset: q.offset,
    });
    return c.json(result, 200);
  });
  app.openapi(events, async (c) => {
    const q = c.req.valid('query');
    const result = await findLifecycleEvents({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      accountId: q.account_id,
      segmentId: q.segment_id,
      since: q.since,
      types: q.types?.split(',').map((t) => t.trim()) as TLifecycleEventType[] | undefined,
      limit: q.limit,
    });
    return c.json(result, 200);
  });
  app.openapi(classify, async (c) => {
    return c.json(await refreshClassifications({ db: c.get('db'), workspaceId: c.get('workspaceId') }), 200);
  });
}
