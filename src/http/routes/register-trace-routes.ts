import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { findMovementLines } from '../../modules/revenue/find-movement-lines.ts';
import { cachedAnswer } from '../cached-answer.ts';
import type { TAppEnv } from '../env.ts';
import { ZDate } from '../params.ts';
import { errorResponses, jsonResponse, ZMovementLines, ZMrr } from '../schemas.ts';

const mrr = createRoute({
  method: 'get',
  path: '/v1/mrr',
  summary: 'MRR, ARR and customers at a date (default today)',
  tags: ['metrics'],
  security: [{ bearerAuth: [] }],
  request: { query: z.object({ at: ZDate.optional() }) },
  responses: { 200: jsonResponse(ZMrr, 'MRR at the date'), ...errorResponses },
});

const lines = createRoute({
  method: 'get',
  path: '/v1/metrics/movements/{account_id}/{date}/lines',
  summary: 'The invoice lines that made a movement (docs/metrics.md: every figure can be traced)',
  tags: ['metrics'],
  security: [{ bearerAuth: [] }],
  request: {
    params: z.object({
      account_id: z
        .string()
        .min(1)
        .openapi({ param: { name: 'account_id', in: 'path' } }),
      date: ZDate.openapi({ param: { name: 'date', in: 'path' } }),
    }),
  },
  responses: {
    200: jsonResponse(ZMovementLines, 'the lines before and after the movement'),
    ...errorResponses,
  },
});

/** Point-in-time MRR and the trace of a movement back to its invoice lines. */
export function registerTraceRoutes(app: OpenAPIHono<TAppEnv>): void {
  app.openapi(mrr, async (c) => {
    // "Today" is the workspace's day, not the server's (shared/spec/metrics.md: periods in its time zone).
    return c.json(await cachedAnswer(c, 'mrr', { at: c.req.valid('query').at }), 200);
  });
  app.openapi(lines, async (c) => {
    const { account_id: accountId, date } = c.req.valid('param');
    const result = await findMovementLines({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      accountId,
      date,
    });
    return c.json(result, 200);
  });
}
