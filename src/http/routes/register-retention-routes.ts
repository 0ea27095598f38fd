import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { createOffboardingLink } from '../../modules/retention/create-offboarding-link.ts';
import { findChurnReasons } from '../../modules/retention/find-churn-reasons.ts';
import { getRetentionSettings } from '../../modules/retention/get-retention-settings.ts';
import { replaceChurnReasons } from '../../modules/retention/replace-churn-reasons.ts';
import { updateRetentionSettings } from '../../modules/retention/update-retention-settings.ts';
import { cachedAnswer } from '../cached-answer.ts';
import type { TAppEnv } from '../env.ts';
import { errorResponses, jsonResponse } from '../schemas.ts';

const security = [{ bearerAuth: [] }];
const retention = { tags: ['retention'], security };
const pricing = { tags: ['pricing'], security };
const money = z.number().openapi({ description: 'reporting currency, rounded to 2 decimals' });
const day = z.string().openapi({ description: 'YYYY-MM-DD or YYYY-MM' });
const jsonBody = <T>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

const ZChurnReason = z
  .looseObject({
    code: z.string(),
    label_en: z.string(),
    label_es: z.string(),
    is_active: z.boolean(),
    position: z.number(),
  })
  .openapi('ChurnReason');
const ZChurnReasons = z.looseObject({
  is_default: z.boolean().openapi({ description: 'true while the workspace uses the built-in reasons' }),
  reasons: z.array(ZChurnReason),
});

const listReasons = createRoute({
  ...retention,
  method: 'get',
  path: '/v1/churn-reasons',
  summary: "The workspace's churn reasons (the built-in ones until it saves its own)",
  responses: { 200: jsonResponse(ZChurnReasons, 'reasons in display order'), ...errorResponses },
});
const putReasons = createRoute({
  ...retention,
  method: 'put',
  path: '/v1/churn-reasons',
  summary: 'Replace the churn reasons, in display order (retire one with is_active false rather than delete)',
  request: jsonBody(
    z.strictObject({
      reasons: z.array(
        z.strictObject({
          code: z.string(),
          label_en: z.string(),
          label_es: z.string(),
          is_active: z.boolean().optional(),
        }),
      ),
    }),
  ),
  responses: { 200: jsonResponse(ZChurnReasons, 'the saved reasons'), ...errorResponses },
});
const report = createRoute({
  ...retention,
  method: 'get',
  path: '/v1/churn-reasons/report',
  summary: 'Churned accounts and lost MRR by cancellation reason in [from, to)',
  request: {
    query: z.object({
      from: day.optional().openapi({ description: 'first day (default: a year before `to`)' }),
      to: day.optional().openapi({ description: 'day after the last (default: tomorrow)' }),
    }),
  },
  responses: {
    200: jsonResponse(
      z.looseObject({
        currency: z.string(),
        from: z.string(),
        to: z.string(),
        accounts: z.number(),
        lost_mrr: money,
        reasons: z.array(
          z.looseObject({
            code: z.string(),
            label_en: z.string(),
            label_es: z.string(),
            accounts: z.number(),
            lost_mrr: money,
            share: z.number().nullable(),
            follow_up_playbooks: z.array(z.object({ id: z.string(), name: z.string() })),
          }),
        ),
      }),
      'reasons by lost MRR',
    ),
    ...errorResponses,
  },
});
const link = createRoute({
  ...retention,
  method: 'post',
  path: '/v1/accounts/{id}/offboarding-link',
  summary: 'A signed link to the offboarding (win-back) survey of the account, optionally of one contact',
  request: {
    params: z.object({ id: z.string().min(1) }),
    body: {
      content: { 'application/json': { schema: z.strictObject({ contact_id: z.string().optional() }) } },
      required: false,
    },
  },
  responses: {
    200: jsonResponse(z.looseObject({ url: z.string(), token: z.string() }), 'the link'),
    ...errorResponses,
  },
});
const ZSettings = z.looseObject({ public_url: z.string().nullable() });
const getSettings = createRoute({
  ...retention,
  method: 'get',
  path: '/v1/settings/offboarding',
  summary: 'The public address offboarding survey links point to',
  responses: { 200: jsonResponse(ZSettings, 'the settings'), ...errorResponses },
});
const putSettings = createRoute({
  ...retention,
  method: 'put',
  path: '/v1/settings/offboarding',
  summary: 'Set the public address offboarding survey links point to (admin)',
  request: jsonBody(z.strictObject({ public_url: z.string().nullable() })),
  responses: { 200: jsonResponse(ZSettings, 'the settings'), ...errorResponses },
});
const annual = createRoute({
  ...pricing,
  method: 'get',
  path: '/v1/pricing/annual-candidates',
  summary: 'Young, healthy monthly accounts to offer an annual plan at a discount, with projected CLV',
  request: {
    query: z.object({
      at: z.string().optional().openapi({ description: 'YYYY-MM-DD (default: today)' }),
      discount: z.coerce.number().min(0).max(99.99).default(15).openapi({ description: 'percent' }),
    }),
  },
  responses: {
    200: jsonResponse(
      z.looseObject({
        currency: z.string(),
        at: z.string(),
        discount_percent: z.number(),
        churn_rates: z.looseObject({
          monthly: z.number().nullable(),
          annual: z.number().nullable(),
          overall: z.number().nullable(),
        }),
        totals: z.looseObject({ accounts: z.number(), mrr: money, annual_price: money }),
        candidates: z.array(
          z.looseObject({
            account_id: z.string(),
            name: z.string().openapi({ description: 'the account name' }),
            mrr: money,
            tenure_months: z.number(),
            annual_price: money,
            clv_monthly: money.nullable(),
            clv_annual: money.nullable(),
            clv_change: money.nullable(),
          }),
        ),
      }),
      'candidates by MRR',
    ),
    ...errorResponses,
  },
});
const grandfathered = createRoute({
  ...pricing,
  method: 'get',
  path: '/v1/pricing/grandfathered',
  summary:
    "Subscriptions on an older, cheaper version of their plan and the uplift at the newest version's price",
  request: {
    query: z.object({ at: z.string().optional().openapi({ description: 'YYYY-MM-DD (default: today)' }) }),
  },
  responses: {
    200: jsonResponse(
      z.looseObject({
        currency: z.string(),
        at: z.string(),
        totals: z.looseObject({ accounts: z.number(), mrr: money, mrr_at_newest: money, uplift: money }),
        customers: z.array(
          z.looseObject({
            account_id: z.string(),
            name: z.string().openapi({ description: 'the account name' }),
            subscription_id: z.string(),
            version: z.string(),
            newest_version: z.string(),
            quantity: z.number(),
            mrr: money,
            mrr_at_newest: money,
            uplift: money,
          }),
        ),
      }),
      'grandfathered subscriptions by uplift',
    ),
    ...errorResponses,
  },
});

/** Churn reasons and their report, offboarding links, pricing levers (issue 4 §7, §8). */
export function registerRetentionRoutes(app: OpenAPIHono<TAppEnv>): void {
  app.openapi(listReasons, async (c) =>
    c.json(await findChurnReasons({ db: c.get('db'), workspaceId: c.get('workspaceId') }), 200),
  );
  app.openapi(putReasons, async (c) => {
    const { reasons } = c.req.valid('json');
    return c.json(
      await replaceChurnReasons({ db: c.get('db'), workspaceId: c.get('workspaceId'), reasons }),
      200,
    );
  });
  app.openapi(report, async (c) => {
    const q = c.req.valid('query');
    return c.json(await cachedAnswer(c, 'churn-reasons.report', { from: q.from, to: q.to }), 200);
  });
  app.openapi(link, async (c) => {
    const { id } = c.req.valid('param');
    const body = (await c.req.json().catch(() => ({}))) as { contact_id?: string };
    const result = await createOffboardingLink({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      accountId: id,
      contactId: body.contact_id,
      baseUrl: undefined,
    });
    return c.json(result, 200);
  });
  app.openapi(getSettings, async (c) => {
    const settings = await getRetentionSettings({ db: c.get('db'), workspaceId: c.get('workspaceId') });
    return c.json({ public_url: settings.public_url }, 200);
  });
  app.openapi(putSettings, async (c) => {
    const { public_url } = c.req.valid('json');
    return c.json(
      await updateRetentionSettings({
        db: c.get('db'),
        workspaceId: c.get('workspaceId'),
        publicUrl: public_url,
      }),
      200,
    );
  });
  app.openapi(annual, async (c) => {
    const q = c.req.valid('query');
    const result = await cachedAnswer(c, 'pricing.annual-candidates', {
      at: q.at,
      discountPercent: q.discount,
    });
    return c.json(result, 200);
  });
  app.openapi(grandfathered, async (c) => {
    const { at } = c.req.valid('query');
    return c.json(await cachedAnswer(c, 'pricing.grandfathered', { at }), 200);
  });
}
