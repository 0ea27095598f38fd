import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { findDailyUsage } from '../../modules/usage/find-daily-usage.ts';
import { findUsageReport } from '../../modules/usage/find-usage-report.ts';
import { getWorkspace } from '../../modules/workspaces/get-workspace.ts';
import type { TAppEnv } from '../env.ts';
import { ZDate } from '../params.ts';
import { errorResponses, jsonResponse } from '../schemas.ts';
import { todayIn } from '../today-in.ts';

const rate = z.number().nullable().openapi({ description: 'fraction rounded to 6 decimals; null when x/0' });

const ZUsageReport = z
  .looseObject({
    at: z.string(),
    key_features: z.array(z.string()),
    total: z.number().openapi({ description: 'accounts that match, over all pages' }),
    accounts: z.array(
      z.looseObject({
        account_id: z.string(),
        account_name: z.string(),
        active_users_7d: z.number(),
        active_users_30d: z.number(),
        events_30d: z.number().openapi({ description: 'summed quantity of usage events, last 30 days' }),
        events_prev_30d: z.number(),
        trend_30d: rate,
        days_since_last_activity: z.number().nullable().openapi({ description: 'null = never active' }),
        adoption_breadth: rate.openapi({ description: 'share of key features used in 30 days' }),
        seat_utilisation: rate.openapi({ description: 'active users 30d / `seats` attribute' }),
      }),
    ),
  })
  .openapi('UsageReport');

const ZDailyUsage = z
  .looseObject({
    account_id: z.string(),
    from: z.string(),
    to: z.string(),
    days: z.array(
      z.looseObject({
        date: z.string(),
        events: z.number(),
        active_users: z.number(),
        by_name: z.record(z.string(), z.number()),
      }),
    ),
    names: z.array(
      z.looseObject({ name: z.string(), events: z.number(), rows: z.number(), active_days: z.number() }),
    ),
  })
  .openapi('DailyUsage');

const common = { method: 'get' as const, tags: ['usage'], security: [{ bearerAuth: [] }] };

const summaries = createRoute({
  ...common,
  path: '/v1/usage',
  summary: 'Usage per account as of a day: active users, events, trend, activity, adoption, seats',
  request: {
    query: z.object({
      at: ZDate.optional().openapi({ description: 'local day (default today in the workspace time zone)' }),
      account_id: z.string().min(1).optional(),
      limit: z.coerce.number().int().min(1).max(10_000).default(100),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: { 200: jsonResponse(ZUsageReport, 'one page of accounts, by id'), ...errorResponses },
});

const daily = createRoute({
  ...common,
  path: '/v1/accounts/{id}/usage/daily',
  summary: "An account's usage day by day, in total and per event name (for charts)",
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
    query: z.object({ from: ZDate, to: ZDate }),
  },
  responses: { 200: jsonResponse(ZDailyUsage, 'every day of the range'), ...errorResponses },
});

/** Product usage from the daily rollups (src/modules/usage), the JSON of `tenure usage`. */
export function registerUsageRoutes(app: OpenAPIHono<TAppEnv>): void {
  app.openapi(summaries, async (c) => {
    const db = c.get('db');
    const workspaceId = c.get('workspaceId');
    const q = c.req.valid('query');
    const at = q.at ?? todayIn((await getWorkspace({ db, workspaceId })).timezone);
    const result = await findUsageReport({
      db,
      workspaceId,
      at,
      accountId: q.account_id,
      limit: q.limit,
      offset: q.offset,
    });
    return c.json(result, 200);
  });
  app.openapi(daily, async (c) => {
    const { from, to } = c.req.valid('query');
    const result = await findDailyUsage({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      accountId: c.req.valid('param').id,
      from,
      to,
    });
    return c.json(result, 200);
  });
}
