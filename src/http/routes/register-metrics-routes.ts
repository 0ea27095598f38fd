import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { findMovements } from '../../modules/revenue/find-movements.ts';
import { cachedAnswer } from '../cached-answer.ts';
import type { TAppEnv } from '../env.ts';
import { ZDate, ZInterval, ZMonth, ZMovementType } from '../params.ts';
import {
  errorResponses,
  jsonResponse,
  ZCohorts,
  ZMovements,
  ZRenewals,
  ZRevenueMetrics,
} from '../schemas.ts';

const common = { method: 'get' as const, tags: ['metrics'], security: [{ bearerAuth: [] }] };

const revenue = createRoute({
  ...common,
  path: '/v1/metrics/revenue',
  summary: 'Revenue metrics per period (MRR, movements, churn, retention)',
  request: { query: z.object({ from: ZMonth, to: ZMonth, interval: ZInterval }) },
  responses: { 200: jsonResponse(ZRevenueMetrics, 'one row per period'), ...errorResponses },
});

const movements = createRoute({
  ...common,
  path: '/v1/metrics/movements',
  summary: 'MRR movements, oldest first',
  request: {
    query: z.object({
      account_id: z.string().min(1).optional(),
      from: ZDate.optional(),
      to: ZDate.optional(),
      type: ZMovementType.optional(),
      limit: z.coerce.number().int().min(1).max(100_000).optional(),
      offset: z.coerce.number().int().min(0).optional(),
    }),
  },
  responses: { 200: jsonResponse(ZMovements, 'every movement that matches'), ...errorResponses },
});

const cohorts = createRoute({
  ...common,
  path: '/v1/metrics/cohorts',
  summary: 'Logo and revenue retention of monthly cohorts',
  request: { query: z.object({ from: ZMonth.optional(), to: ZMonth.optional() }) },
  responses: { 200: jsonResponse(ZCohorts, 'one row per cohort'), ...errorResponses },
});

const renewals = createRoute({
  ...common,
  path: '/v1/metrics/renewals',
  summary: 'Contract renewal rates per period',
  request: { query: z.object({ from: ZMonth, to: ZMonth, interval: ZInterval }) },
  responses: { 200: jsonResponse(ZRenewals, 'one row per period'), ...errorResponses },
});

/** The revenue metrics of shared/spec/metrics.md, with the JSON of `tenure metrics …` (shared/spec/cli.md). */
export function registerMetricsRoutes(app: OpenAPIHono<TAppEnv>): void {
  app.openapi(revenue, async (c) => {
    const { from, to, interval } = c.req.valid('query');
    return c.json(await cachedAnswer(c, 'metrics.revenue', { from, to, interval }), 200);
  });
  app.openapi(movements, async (c) => {
    const q = c.req.valid('query');
    const result = await findMovements({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      accountId: q.account_id,
      from: q.from,
      to: q.to,
      type: q.type,
      limit: q.limit,
      offset: q.offset,
    });
    return c.json(result, 200);
  });
  app.openapi(cohorts, async (c) => {
    const { from, to } = c.req.valid('query');
    return c.json(await cachedAnswer(c, 'metrics.cohorts', { from, to }), 200);
  });
  app.openapi(renewals, async (c) => {
    const { from, to, interval } = c.req.valid('query');
    return c.json(await cachedAnswer(c, 'metrics.renewals', { from, to, interval }), 200);
  });
}
