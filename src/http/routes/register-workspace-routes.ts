import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteFxRate } from '../../modules/revenue/delete-fx-rate.ts';
import { findFxRates } from '../../modules/revenue/find-fx-rates.ts';
import { changeWorkspace } from '../../modules/workspaces/change-workspace.ts';
import { getWorkspaceProfile } from '../../modules/workspaces/get-workspace-profile.ts';
import { cachedAnswer } from '../cached-answer.ts';
import type { TAppEnv } from '../env.ts';
import { ZDate } from '../params.ts';
import { errorResponses, jsonResponse } from '../schemas.ts';

const security = [{ bearerAuth: [] }];
const MAX_RATES_PAGE = 500;

const ZSettings = z.record(z.string(), z.unknown()).openapi({
  description:
    'metric and lifecycle options of docs/metrics.md by name, e.g. `{ "mrr.discounts": "ignore", ' +
    '"ltv.gross_margin": 0.8 }`; options not sent keep their values',
});

const ZWorkspace = z
  .looseObject({
    id: z.string(),
    reporting_currency: z.string(),
    timezone: z.string(),
    settings: ZSettings,
    has_data: z
      .boolean()
      .openapi({ description: 'true once it holds accounts: currency and time zone are fixed' }),
  })
  .openapi('Workspace');

const ZWorkspaceChange = z
  .strictObject({
    reporting_currency: z
      .string()
      .optional()
      .openapi({ description: 'ISO 4217; only while has_data is false' }),
    timezone: z.string().optional().openapi({ description: 'IANA time zone; only while has_data is false' }),
    settings: ZSettings.optional(),
  })
  .openapi('WorkspaceChange');

const ZRateRef = z.object({ date: z.string(), rate: z.string() }).nullable();
const ZFxRate = z
  .object({
    currency: z.string(),
    date: z.string(),
    rate: z.string().openapi({ description: 'units of the reporting currency for one unit of `currency`' }),
  })
  .openapi('FxRate');

const ZFxRatePage = z
  .looseObject({
    reporting_currency: z.string(),
    total: z.number(),
    limit: z.number(),
    offset: z.number(),
    rates: z.array(ZFxRate),
  })
  .openapi('FxRatePage');

const ZFxCoverage = z
  .looseObject({
    reporting_currency: z.string(),
    currencies: z.array(
      z.looseObject({
        currency: z.string(),
        is_reporting: z.boolean(),
        records: z.number(),
        first_day: z.string().nullable(),
        last_day: z.string().nullable(),
        rates: z.number(),
        first_rate_date: z.string().nullable(),
        latest_rate: ZRateRef,
        months_missing: z.number(),
        records_without_rate: z.number(),
      }),
    ),
    missing_months: z.array(
      z.looseObject({
        currency: z.string(),
        month: z.string(),
        records: z.number(),
        fallback: ZRateRef.openapi({ description: 'the older rate its amounts convert at; null: none' }),
      }),
    ),
  })
  .openapi('FxCoverage');

const conflict = (description: string) =>
  jsonResponse(z.object({ error: z.looseObject({ code: z.string(), message: z.string() }) }), description);

const getWorkspaceRoute = createRoute({
  tags: ['workspace'],
  security,
  method: 'get',
  path: '/v1/workspace',
  summary: "The workspace's reporting currency, time zone and metric options",
  responses: { 200: jsonResponse(ZWorkspace, 'the workspace'), ...errorResponses },
});
const patchWorkspaceRoute = createRoute({
  tags: ['workspace'],
  security,
  method: 'patch',
  path: '/v1/workspace',
  summary: 'Change the reporting currency or time zone (empty workspace only) or metric options (admin)',
  description:
    'Changing `mrr.discounts` recomputes every MRR movement before answering and queues every account for ' +
    'health rescoring.',
  request: { body: { required: true, content: { 'application/json': { schema: ZWorkspaceChange } } } },
  responses: {
    200: jsonResponse(ZWorkspace, 'the workspace as changed'),
    ...errorResponses,
    409: conflict('the workspace holds data: its currency and time zone are fixed'),
  },
});
const listRatesRoute = createRoute({
  tags: ['workspace'],
  security,
  method: 'get',
  path: '/v1/fx-rates',
  summary: 'FX rates, newest first, filtered by currency and dates, paged',
  request: {
    query: z.object({
      currency: z
        .string()
        .regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 code')
        .optional(),
      from: ZDate.optional().openapi({ description: 'rates dated on or after this day' }),
      to: ZDate.optional().openapi({ description: 'rates dated on or before this day' }),
      limit: z.coerce.number().int().min(1).max(MAX_RATES_PAGE).default(100),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: { 200: jsonResponse(ZFxRatePage, 'a page of rates and the total'), ...errorResponses },
});
const coverageRoute = createRoute({
  tags: ['workspace'],
  security,
  method: 'get',
  path: '/v1/fx-rates/coverage',
  summary: 'Currencies in use and the months whose amounts have no rate published in that month',
  responses: {
    200: jsonResponse(ZFxCoverage, 'currencies and missing months, newest first'),
    ...errorResponses,
  },
});
const deleteRateRoute = createRoute({
  tags: ['workspace'],
  security,
  method: 'delete',
  path: '/v1/fx-rates/{currency}/{date}',
  summary: 'Delete one FX rate and recompute MRR (admin)',
  request: {
    params: z.object({
      currency: z
        .string()
        .regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 code')
        .openapi({ param: { name: 'currency', in: 'path' } }),
      date: ZDate.openapi({ param: { name: 'date', in: 'path' } }),
    }),
  },
  responses: {
    200: jsonResponse(z.object({ deleted: ZFxRate }), 'the rate deleted; MRR recomputed'),
    ...errorResponses,
    409: conflict('an amount would be left without a rate on or before its date'),
  },
});

/** The workspace's settings (currency, time zone, metric options) and its FX rates (issue 5, Settings). */
export function registerWorkspaceRoutes(app: OpenAPIHono<TAppEnv>): void {
  app.openapi(getWorkspaceRoute, async (c) =>
    c.json(await getWorkspaceProfile({ db: c.get('db'), workspaceId: c.get('workspaceId') }), 200),
  );
  app.openapi(patchWorkspaceRoute, async (c) => {
    const body = c.req.valid('json');
    const result = await changeWorkspace({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      reportingCurrency: body.reporting_currency,
      timezone: body.timezone,
      settings: body.settings,
    });
    return c.json(result, 200);
  });
  app.openapi(listRatesRoute, async (c) => {
    const q = c.req.valid('query');
    const result = await findFxRates({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      currency: q.currency,
      from: q.from,
      to: q.to,
      limit: q.limit,
      offset: q.offset,
    });
    return c.json(result, 200);
  });
  app.openapi(coverageRoute, async (c) => c.json(await cachedAnswer(c, 'fx.coverage', {}), 200));
  app.openapi(deleteRateRoute, async (c) => {
    const { currency, date } = c.req.valid('param');
    const deleted = await deleteFxRate({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      currency,
      date,
    });
    return c.json({ deleted }, 200);
  });
}
