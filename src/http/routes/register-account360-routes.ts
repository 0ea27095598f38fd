import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { findAccountBilling } from '../../modules/accounts360/find-account-billing.ts';
import { findAccountFeedback } from '../../modules/accounts360/find-account-feedback.ts';
import {
  findAccountTimeline,
  MAX_TIMELINE,
  TIMELINE_KINDS,
} from '../../modules/accounts360/find-account-timeline.ts';
import { getAccountSummary } from '../../modules/accounts360/get-account-summary.ts';
import { cachedAnswer } from '../cached-answer.ts';
import type { TAppEnv } from '../env.ts';
import { ZDate } from '../params.ts';
import { errorResponses, jsonResponse } from '../schemas.ts';

const common = { tags: ['accounts'], security: [{ bearerAuth: [] }] };
const money = z.number().openapi({ description: 'rounded to 2 decimals' });
const when = z.string().openapi({ description: 'ISO 8601 timestamp' });
const idParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const ZLimit = z.coerce.number().int().min(1).max(200).default(50);

const ZSummary = z
  .looseObject({
    account_id: z.string(),
    name: z.string(),
    owner_email: z.string().nullable(),
    created_at: when.nullable(),
    lifecycle_stage: z.string().nullable(),
    tier: z.string().nullable(),
    stage: z.string().nullable(),
    tier_since: when.nullable(),
    stage_since: when.nullable(),
    date: z.string(),
    currency: z.string(),
    mrr: money,
    arr: money,
    customer_since: z.string().nullable(),
    renewal_date: z.string().nullable().openapi({ description: 'end of the subscription period in service' }),
  })
  .openapi('AccountSummary');

const ZBilling = z
  .looseObject({
    account_id: z.string(),
    currency: z.string().openapi({ description: 'of the movements; invoices and payments carry their own' }),
    invoices: z.array(
      z.looseObject({
        id: z.string(),
        issued_at: when,
        due_at: when.nullable(),
        paid_at: when.nullable(),
        status: z.string(),
        currency: z.string(),
        total: money,
        lines: z.number(),
        payments: z.array(
          z.looseObject({
            id: z.string(),
            attempted_at: when,
            amount: money,
            currency: z.string(),
            outcome: z.enum(['succeeded', 'failed', 'refunded']),
            failure_code: z.string().nullable(),
            payment_method: z.string().nullable(),
          }),
        ),
      }),
    ),
    movements: z.array(
      z.looseObject({
        date: z.string(),
        type: z.string(),
        amount: money,
        mrr_before: money,
        mrr_after: money,
      }),
    ),
  })
  .openapi('AccountBilling');

const ZFeedback = z
  .looseObject({
    account_id: z.string(),
    tickets: z.array(
      z.looseObject({
        id: z.string(),
        opened_at: when,
        resolved_at: when.nullable(),
        status: z.string(),
        subject: z.string().nullable(),
        channel: z.string().nullable(),
        priority: z.string().nullable(),
        is_complaint: z.boolean(),
        satisfaction: z.number().nullable(),
        agent_replies: z.number().nullable(),
      }),
    ),
    survey_answers: z.array(
      z.looseObject({
        id: z.string(),
        survey: z.string(),
        score: z.number(),
        comment: z.string().nullable(),
        responded_at: when,
        contact_id: z.string().nullable(),
      }),
    ),
  })
  .openapi('AccountFeedback');

const ZTimeline = z
  .looseObject({
    account_id: z.string(),
    items: z.array(
      z.looseObject({
        at: when,
        kind: z.enum(TIMELINE_KINDS),
        id: z.string(),
        title: z.string().nullable(),
        status: z.string().nullable(),
        amount: z.number().nullable(),
        currency: z.string().nullable(),
        text: z.string().nullable(),
        from_value: z.string().nullable(),
        to_value: z.string().nullable(),
      }),
    ),
  })
  .openapi('AccountTimeline');

const ZSegmentMrr = z
  .looseObject({
    date: z.string(),
    currency: z.string(),
    segments: z.array(
      z.looseObject({ segment_id: z.string(), members: z.number(), customers: z.number(), mrr: money }),
    ),
  })
  .openapi('SegmentMrr');

const summary = createRoute({
  ...common,
  method: 'get',
  path: '/v1/accounts/{id}/summary',
  summary: "An account's owner, tier, stage, MRR and renewal date on a day (default today)",
  request: { params: idParams, query: z.object({ at: ZDate.optional() }) },
  responses: { 200: jsonResponse(ZSummary, 'the account at a glance'), ...errorResponses },
});
const billing = createRoute({
  ...common,
  method: 'get',
  path: '/v1/accounts/{id}/billing',
  summary: "An account's newest invoices with their payment attempts, and its MRR movements",
  request: { params: idParams, query: z.object({ limit: ZLimit }) },
  responses: { 200: jsonResponse(ZBilling, 'invoices, payments and movements'), ...errorResponses },
});
const feedback = createRoute({
  ...common,
  method: 'get',
  path: '/v1/accounts/{id}/feedback',
  summary: "An account's newest support tickets and survey answers",
  request: { params: idParams, query: z.object({ limit: ZLimit }) },
  responses: { 200: jsonResponse(ZFeedback, 'tickets and survey answers'), ...errorResponses },
});
const timeline = createRoute({
  ...common,
  method: 'get',
  path: '/v1/accounts/{id}/timeline',
  summary: 'Everything that happened to an account, newest first, in one list',
  request: {
    params: idParams,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(MAX_TIMELINE).default(100),
      before: z.iso
        .datetime({ offset: true })
        .optional()
        .openapi({ description: 'only items before this instant (the `at` of the last item seen)' }),
    }),
  },
  responses: { 200: jsonResponse(ZTimeline, 'items, newest first'), ...errorResponses },
});
const segmentMrr = createRoute({
  tags: ['segments'],
  security: common.security,
  method: 'get',
  path: '/v1/segment-mrr',
  summary: "Each segment's member count and their MRR on a day (default today)",
  request: { query: z.object({ at: ZDate.optional() }) },
  responses: { 200: jsonResponse(ZSegmentMrr, 'one row per segment'), ...errorResponses },
});

/** Read-only views behind the account page (Account 360) and the segment list's MRR. */
export function registerAccount360Routes(app: OpenAPIHono<TAppEnv>): void {
  app.openapi(summary, async (c) => {
    const result = await getAccountSummary({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      accountId: c.req.valid('param').id,
      at: c.req.valid('query').at,
    });
    return c.json(result, 200);
  });
  app.openapi(billing, async (c) => {
    const result = await findAccountBilling({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      accountId: c.req.valid('param').id,
      limit: c.req.valid('query').limit,
    });
    return c.json(result, 200);
  });
  app.openapi(feedback, async (c) => {
    const result = await findAccountFeedback({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      accountId: c.req.valid('param').id,
      limit: c.req.valid('query').limit,
    });
    return c.json(result, 200);
  });
  app.openapi(timeline, async (c) => {
    const q = c.req.valid('query');
    const result = await findAccountTimeline({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      accountId: c.req.valid('param').id,
      limit: q.limit,
      before: q.before ? new Date(q.before) : undefined,
    });
    return c.json(result, 200);
  });
  app.openapi(segmentMrr, async (c) => {
    return c.json(await cachedAnswer(c, 'segments.mrr', { at: c.req.valid('query').at }), 200);
  });
}
