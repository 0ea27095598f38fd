import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { TStore } from '../../db/connect.ts';
import { computeRecoveryMetrics } from '../../modules/dunning/compute-recovery-metrics.ts';
import { findDunningCases } from '../../modules/dunning/find-dunning-cases.ts';
import { findDunningPolicies } from '../../modules/dunning/find-dunning-policies.ts';
import { getDunningCase } from '../../modules/dunning/get-dunning-case.ts';
import { getPaymentProvider } from '../../modules/dunning/get-payment-provider.ts';
import { handlePaymentCallback } from '../../modules/dunning/handle-payment-callback.ts';
import { replaceDunningPolicies } from '../../modules/dunning/replace-dunning-policies.ts';
import { updatePaymentProvider } from '../../modules/dunning/update-payment-provider.ts';
import { upsertPaymentMethod } from '../../modules/dunning/upsert-payment-method.ts';
import type { TAppEnv } from '../env.ts';
import { errorResponses, jsonResponse } from '../schemas.ts';

const tag = { tags: ['dunning'], security: [{ bearerAuth: [] }] };
const jsonBody = <T>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

const ZCase = z
  .looseObject({
    id: z.string(),
    invoice_id: z.string(),
    account_id: z.string(),
    status: z.enum(['open', 'recovered', 'failed', 'closed']),
    decline_kind: z.enum(['hard', 'soft']),
    first_failure_code: z.string().nullable(),
    last_failure_code: z.string().nullable(),
    attempts_made: z.number(),
    blocked_reason: z.string().nullable(),
    amount: z.number(),
    currency: z.string(),
    mrr: z.number(),
    tier: z.string().nullable(),
    opened_at: z.string(),
    recovered_at: z.string().nullable(),
    recovered_attempt: z.number().nullable(),
    closed_at: z.string().nullable(),
    final_action_taken: z.string().nullable(),
    next_step: z
      .object({
        kind: z.enum(['retry', 'final_action']),
        at: z.string(),
        attempt: z.number().nullable(),
      })
      .nullable()
      .openapi({
        description: 'the next scheduled retry or final action; null when none is (closed, or held)',
      }),
  })
  .openapi('DunningCase');
const ZPolicy = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    tier: z.string().nullable().optional(),
    segment_id: z.string().nullable().optional(),
    priority: z.number().optional(),
    retry_days: z.array(z.number()).optional(),
    notify_days: z.array(z.number()).optional(),
    csm_task_first: z.boolean().optional(),
    task_days_before_email: z.number().optional(),
    grace_days: z.number().optional(),
    final_action: z.enum(['leave_past_due', 'cancel', 'webhook']).optional(),
  })
  .openapi('DunningPolicy');
const ZFigures = z.looseObject({
  cases: z.number(),
  recovered: z.number(),
  recovery_rate: z.number().nullable(),
  recovered_amount: z.number(),
  recovered_mrr: z.number(),
  lost_mrr: z.number(),
});
const ZProvider = z
  .looseObject({
    kind: z.enum(['stripe', 'http']).nullable(),
    stripe_base_url: z.string().nullable(),
    http_url: z.string().nullable(),
    update_payment_url: z.string(),
    public_url: z.string(),
    has_stripe_api_key: z.boolean(),
    has_http_secret: z.boolean(),
  })
  .openapi('PaymentProvider');

const listCases = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/dunning/cases',
  summary: 'Dunning cases, newest first',
  request: {
    query: z.object({
      status: z.enum(['open', 'recovered', 'failed', 'closed']).optional(),
      account_id: z.string().optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: {
    200: jsonResponse(
      z.looseObject({ total: z.number(), limit: z.number(), offset: z.number(), cases: z.array(ZCase) }),
      'a page of cases and how many match',
    ),
    ...errorResponses,
  },
});
const showCase = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/dunning/cases/{id}',
  summary: 'One dunning case with its policy and attempts',
  request: { params: z.object({ id: z.string().min(1).max(200) }) },
  responses: {
    200: jsonResponse(ZCase.extend({ policy: ZPolicy, attempts: z.array(z.looseObject({})) }), 'the case'),
    ...errorResponses,
  },
});
const metrics = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/dunning/metrics',
  summary:
    'Recovery of the cases opened in [from, to): totals, by decline code, by recovering attempt, by tier',
  request: {
    query: z.object({
      from: z.string().openapi({ description: 'YYYY-MM-DD (workspace time zone) or an ISO 8601 instant' }),
      to: z.string().openapi({ description: 'exclusive' }),
    }),
  },
  responses: {
    200: jsonResponse(
      ZFigures.extend({
        currency: z.string(),
        by_decline_code: z.array(ZFigures),
        by_recovered_attempt: z.array(ZFigures),
        by_tier: z.array(ZFigures),
      }),
      'recovery metrics',
    ),
    ...errorResponses,
  },
});
const getPolicies = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/dunning/policies',
  summary: 'The dunning policies in the order they are tried, and the built-in default',
  responses: {
    200: jsonResponse(z.looseObject({ policies: z.array(ZPolicy), default: ZPolicy }), 'policies'),
    ...errorResponses,
  },
});
const putPolicies = createRoute({
  ...tag,
  method: 'put',
  path: '/v1/dunning/policies',
  summary: 'Replace the dunning policies (manager); open cases keep the policy they opened with',
  request: jsonBody(z.object({ policies: z.array(ZPolicy) })),
  responses: {
    200: jsonResponse(z.looseObject({ policies: z.array(ZPolicy), default: ZPolicy }), 'policies'),
    ...errorResponses,
  },
});
const getProvider = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/payment-provider',
  summary: 'Where dunning retries go (admin); secrets are never shown',
  responses: { 200: jsonResponse(ZProvider, 'settings'), ...errorResponses },
});
const putProvider = createRoute({
  ...tag,
  method: 'put',
  path: '/v1/payment-provider',
  summary: 'Set the payment provider (admin): stripe (api key) or http (url and signing secret)',
  request: jsonBody(
    z.looseObject({
      kind: z.enum(['stripe', 'http']),
      stripe_api_key: z.string().optional(),
      stripe_base_url: z.string().nullable().optional(),
      http_url: z.string().nullable().optional(),
      http_secret: z.string().optional(),
      update_payment_url: z.string().nullable().optional().openapi({
        description: 'link in dunning emails; {{account_id}}, {{invoice_id}}, {{case_id}} are filled in',
      }),
      public_url: z.string().nullable().optional().openapi({
        description: "this server's base URL as the provider reaches it (for callback_url)",
      }),
    }),
  ),
  responses: { 200: jsonResponse(ZProvider, 'settings'), ...errorResponses },
});
const postMethod = createRoute({
  ...tag,
  method: 'post',
  path: '/v1/payment-methods',
  summary: "Record an account's payment method; a new default one resumes its hard-declined dunning cases",
  request: jsonBody(
    z.object({
      id: z.string().min(1).max(200),
      account_id: z.string().min(1),
      type: z.enum(['card', 'direct_debit', 'bank_transfer', 'wallet', 'other']),
      brand: z.string().nullable().optional(),
      last4: z
        .string()
        .regex(/^\d{4}$/)
        .nullable()
        .optional(),
      exp_month: z.number().int().min(1).max(12).nullable().optional(),
      exp_year: z.number().int().min(2000).max(2200).nullable().optional(),
      is_default: z.boolean().optional(),
    }),
  ),
  responses: {
    200: jsonResponse(
      z.looseObject({
        status: z.enum(['created', 'updated', 'unchanged']),
        resumed_case_ids: z.array(z.string()),
      }),
      'recorded',
    ),
    ...errorResponses,
  },
});
const callback = createRoute({
  tags: ['dunning'],
  method: 'post',
  path: '/v1/integrations/payments/callback',
  summary:
    "A payment provider's result for a retry it accepted with 202; signed with Tenure-Signature (the http_secret)",
  request: { query: z.object({ workspace: z.string().min(1) }) },
  responses: { 200: jsonResponse(z.looseObject({ received: z.boolean() }), 'recorded'), ...errorResponses },
});

/** Dunning: cases, recovery metrics, policies, the payment provider and payment methods (issue 4 §6). */
export function registerDunningRoutes(app: OpenAPIHono<TAppEnv>, store: TStore): void {
  const ws = (c: { get: (key: 'workspaceId') => string }) => c.get('workspaceId');
  app.openapi(listCases, async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await findDunningCases({
        db: c.get('db'),
        workspaceId: ws(c),
        status: q.status,
        accountId: q.account_id,
        limit: q.limit,
        offset: q.offset,
      }),
      200,
    );
  });
  app.openapi(showCase, async (c) =>
    c.json(
      await getDunningCase({ db: c.get('db'), workspaceId: ws(c), caseId: c.req.valid('param').id }),
      200,
    ),
  );
  app.openapi(metrics, async (c) => {
    const { from, to } = c.req.valid('query');
    return c.json(await computeRecoveryMetrics({ db: c.get('db'), workspaceId: ws(c), from, to }), 200);
  });
  app.openapi(getPolicies, async (c) =>
    c.json(await findDunningPolicies({ db: c.get('db'), workspaceId: ws(c) }), 200),
  );
  app.openapi(putPolicies, async (c) =>
    c.json(
      await replaceDunningPolicies({
        db: c.get('db'),
        workspaceId: ws(c),
        policies: c.req.valid('json').policies,
      }),
      200,
    ),
  );
  app.openapi(getProvider, async (c) =>
    c.json(await getPaymentProvider({ db: c.get('db'), workspaceId: ws(c) }), 200),
  );
  app.openapi(putProvider, async (c) =>
    c.json(
      await updatePaymentProvider({ db: c.get('db'), workspaceId: ws(c), input: c.req.valid('json') }),
      200,
    ),
  );
  app.openapi(postMethod, async (c) => {
    const body = c.req.valid('json');
    const result = await upsertPaymentMethod({
      db: c.get('db'),
      workspaceId: ws(c),
      method: {
        id: body.id,
        accountId: body.account_id,
        type: body.type,
        brand: body.brand,
        last4: body.last4,
        expMonth: body.exp_month,
        expYear: body.exp_year,
        isDefault: body.is_default,
      },
    });
    return c.json({ status: result.status, resumed_case_ids: result.resumedCaseIds ?? [] }, 200);
  });
  app.openapi(callback, async (c) => {
    const result = await handlePaymentCallback({
      store,
      workspaceId: c.req.valid('query').workspace,
      signature: c.req.header('tenure-signature'),
      rawBody: await c.req.text(),
    });
    return c.json(result, 200);
  });
}
