import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../errors.ts';
import { createScorecard } from '../../modules/health/create-scorecard.ts';
import { HEALTH_SORTS } from '../../modules/health/find-health-scores.ts';
import { findScorecards } from '../../modules/health/find-scorecards.ts';
import { getAccountHealth } from '../../modules/health/get-account-health.ts';
import { getScorecard } from '../../modules/health/get-scorecard.ts';
import { listMeasures } from '../../modules/health/list-measures.ts';
import { previewScorecard } from '../../modules/health/preview-scorecard.ts';
import { recomputeHealth } from '../../modules/health/recompute-health.ts';
import { runScorecardBacktest } from '../../modules/health/run-scorecard-backtest.ts';
import { parseScorecardInput } from '../../modules/health/scorecard-input.ts';
import { updateScorecard } from '../../modules/health/update-scorecard.ts';
import { cachedAnswer } from '../cached-answer.ts';
import type { TAppEnv } from '../env.ts';
import { ZDate } from '../params.ts';
import { errorResponses, jsonResponse, ZErrorBody } from '../schemas.ts';

const common = { tags: ['health'], security: [{ bearerAuth: [] }] };
const ZBand = z.enum(['red', 'yellow', 'green']);
const pathId = (name: string) =>
  z
    .string()
    .min(1)
    .openapi({ param: { name, in: 'path' } });
const conflict = {
  409: {
    description: 'the change collides with current state',
    content: { 'application/json': { schema: ZErrorBody } },
  },
};

const ZMeasure = z.looseObject({
  id: z.string(),
  key: z.string(),
  label: z.string(),
  metric: z.string(),
  value: z.number().nullable(),
  score: z.number().nullable(),
  weight: z.number(),
  effective_weight: z.number(),
  contribution: z.number(),
  missing: z.boolean(),
});
const ZPortfolio = z
  .looseObject({
    date: z.string(),
    total: z.number(),
    distribution: z.object({ red: z.number(), yellow: z.number(), green: z.number() }),
    accounts: z.array(
      z.looseObject({
        account_id: z.string(),
        name: z.string(),
        score: z.number(),
        band: ZBand,
        scorecard: z.string(),
        delta_7d: z.number().nullable(),
        delta_30d: z.number().nullable(),
        trend_30d: z.number().nullable(),
        measures: z.array(ZMeasure),
      }),
    ),
  })
  .openapi('HealthPortfolio');
const ZAccountHealth = z
  .looseObject({
    account_id: z.string(),
    date: z.string(),
    score: z.number(),
    band: ZBand,
    scorecard: z.looseObject({ id: z.string(), version: z.number(), name: z.string() }),
    trend: z.array(z.looseObject({ date: z.string(), score: z.number(), band: ZBand })),
    explanation: z.array(ZMeasure),
    missing: z.array(z.string()),
    note: z.string().nullable(),
    changes: z.looseObject({ since_7_days: z.unknown(), since_30_days: z.unknown() }),
  })
  .openapi('AccountHealth');
const ZScorecard = z
  .looseObject({
    id: z.string(),
    version: z.number(),
    name: z.string(),
    is_default: z.boolean(),
    applies_to: z.looseObject({ segment_id: z.string().optional(), stage: z.string().optional() }).nullable(),
    definition: z.looseObject({ name: z.string(), measures: z.array(z.looseObject({})) }),
    created_at: z.string(),
  })
  .openapi('Scorecard');
// The body is validated by parseScorecardInput, which names the path of every problem; this schema only
// documents it (validating here too would report the same problems in a second format).
const ZScorecardBody = z.looseObject({}).openapi('ScorecardDocument', {
  description:
    'A scorecard definition `{ name, bands?, groups?, measures: [{ key, label, metric, group?, weight, rule }] }` ' +
    'with `id` (on create) and optional `applies_to: { segment_id?, stage? }`; see README "Health scorecards".',
});
const jsonBody = <T>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

const portfolio = createRoute({
  ...common,
  method: 'get',
  path: '/v1/health',
  summary: 'Health of every account on a day: band distribution and accounts from the lowest score',
  request: {
    query: z.object({
      at: ZDate.optional(),
      band: ZBand.optional(),
      limit: z.coerce.number().int().min(1).max(10_000).default(50),
      offset: z.coerce.number().int().min(0).default(0),
      sort: z.enum(HEALTH_SORTS).default('score').openapi({
        description:
          '`score` lowest first; `delta_7d` biggest 7-day fall first; `-delta_7d` biggest rise first',
      }),
    }),
  },
  responses: {
    200: jsonResponse(ZPortfolio, 'scores of the day (computed first if none stored)'),
    ...errorResponses,
  },
});
const bySegment = createRoute({
  ...common,
  method: 'get',
  path: '/v1/health/segments',
  summary: "Each segment's members per health band on a day (each member's latest score on or before it)",
  request: { query: z.object({ at: ZDate.optional() }) },
  responses: {
    200: jsonResponse(
      z
        .looseObject({
          date: z.string(),
          segments: z.array(
            z.looseObject({
              segment_id: z.string(),
              name: z.string(),
              members: z.number(),
              red: z.number(),
              yellow: z.number(),
              green: z.number(),
              unscored: z.number(),
            }),
          ),
        })
        .openapi('HealthBySegment'),
      'one row per segment, by name',
    ),
    ...errorResponses,
  },
});
const account = createRoute({
  ...common,
  method: 'get',
  path: '/v1/health/accounts/{id}',
  summary: "One account's score, trend, explanation and what changed most since 7 and 30 days",
  request: { params: z.object({ id: pathId('id') }), query: z.object({ at: ZDate.optional() }) },
  responses: { 200: jsonResponse(ZAccountHealth, 'the explained score'), ...errorResponses },
});
const recompute = createRoute({
  ...common,
  method: 'post',
  path: '/v1/health/recompute',
  summary: 'Score accounts (default all) for a day (default today) and store the scores',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.strictObject({
            at: ZDate.optional(),
            account_ids: z.array(z.string().min(1)).max(100_000).optional(),
          }),
        },
      },
      required: false,
    },
  },
  responses: {
    200: jsonResponse(
      z.looseObject({ date: z.string(), scored: z.number(), removed: z.number(), band_changes: z.number() }),
      'what was stored',
    ),
    ...errorResponses,
  },
});
const scorecards = createRoute({
  ...common,
  method: 'get',
  path: '/v1/health/scorecards',
  summary: 'The latest version of every scorecard',
  responses: {
    200: jsonResponse(z.object({ scorecards: z.array(ZScorecard) }), 'the default first'),
    ...errorResponses,
  },
});
const scorecard = createRoute({
  ...common,
  method: 'get',
  path: '/v1/health/scorecards/{id}',
  summary: 'One scorecard at a version (default the latest) with the list of its versions',
  request: {
    params: z.object({ id: pathId('id') }),
    query: z.object({ version: z.coerce.number().int().min(1).optional() }),
  },
  responses: { 200: jsonResponse(ZScorecard, 'the scorecard'), ...errorResponses },
});
const createCard = createRoute({
  ...common,
  method: 'post',
  path: '/v1/health/scorecards',
  summary: 'Create a scorecard (version 1)',
  request: jsonBody(ZScorecardBody),
  responses: { 201: jsonResponse(ZScorecard, 'the new scorecard'), ...errorResponses, ...conflict },
});
const updateCard = createRoute({
  ...common,
  method: 'put',
  path: '/v1/health/scorecards/{id}',
  summary: 'Save a new version of a scorecard (earlier versions are kept)',
  request: { params: z.object({ id: pathId('id') }), ...jsonBody(ZScorecardBody) },
  responses: { 200: jsonResponse(ZScorecard, 'the new version'), ...errorResponses, ...conflict },
});
const backtest = createRoute({
  ...common,
  method: 'get',
  path: '/v1/health/backtest',
  summary: "How well a scorecard's bands predicted churn at each past month-end",
  request: {
    query: z.object({
      horizon: z.coerce.number().int().min(1).max(730).default(90),
      scorecard_id: z.string().min(1).optional(),
    }),
  },
  responses: {
    200: jsonResponse(
      z
        .looseObject({
          horizon_days: z.number(),
          snapshots: z.number(),
          auc: z.number().nullable(),
          bands: z.array(z.looseObject({})),
        })
        .openapi('HealthBacktest'),
      'churn per band, ROC-AUC and calibration',
    ),
    ...errorResponses,
  },
});
// Validated by parseScorecardInput (the draft) and ZPreviewOptions (the rest), which name every bad field.
const ZPreviewBody = z.looseObject({}).openapi('ScorecardPreviewRequest', {
  description:
    'A draft scorecard as for create (`id` and `name` optional, `applies_to` limits the accounts previewed), ' +
    'plus `scorecard_id` (compare with that scorecard instead of the scores stored for the day) and ' +
    '`backtest: true` (also replay the draft at past month-ends; slower).',
});
const ZPreviewOptions = z.object({
  scorecard_id: z.string().min(1).optional(),
  backtest: z.boolean().optional(),
});
const ZPreviewColumn = z.object({ count: z.number(), share: z.number().nullable() });
const ZPreviewMover = z.looseObject({
  account_id: z.string(),
  name: z.string(),
  current_score: z.number(),
  current_band: ZBand,
  draft_score: z.number(),
  draft_band: ZBand,
  change: z.number(),
});
const preview = createRoute({
  ...common,
  method: 'post',
  path: '/v1/health/scorecards/preview',
  summary: 'How the portfolio would score under a draft scorecard, compared with today; stores nothing',
  request: jsonBody(ZPreviewBody),
  responses: {
    200: jsonResponse(
      z
        .looseObject({
          date: z.string(),
          population: z.number(),
          sampled: z.boolean(),
          sample_size: z.number(),
          compared_with: z.looseObject({ kind: z.enum(['stored', 'scorecard']) }),
          bands: z.array(z.object({ band: ZBand, current: ZPreviewColumn, draft: ZPreviewColumn })),
          unscored: z.object({ current: z.number(), draft: z.number() }),
          mean_score: z.object({ current: z.number().nullable(), draft: z.number().nullable() }),
          band_changes: z.object({
            total: z.number(),
            matrix: z.record(z.string(), z.record(z.string(), z.number())),
          }),
          movers: z.object({ up: z.array(ZPreviewMover), down: z.array(ZPreviewMover) }),
          measures: z.array(
            z.looseObject({
              key: z.string(),
              nominal_share: z.number(),
              effective_share: z.number().nullable(),
              no_data: z.number(),
            }),
          ),
          backtest: z.looseObject({ auc: z.number().nullable() }).optional(),
        })
        .openapi('ScorecardPreview'),
      'band distribution, band changes and top movers of the draft against the current scores',
    ),
    ...errorResponses,
  },
});
const measures = createRoute({
  ...common,
  method: 'get',
  path: '/v1/health/measures',
  summary: 'The metrics a scorecard measure can use',
  responses: {
    200: jsonResponse(
      z.looseObject({ measures: z.array(z.looseObject({ metric: z.string() })) }),
      'the catalog',
    ),
    ...errorResponses,
  },
});

/** Health scores and scorecards (issue 3 items 5 and 6), the same JSON as `tenure health`. */
export function registerHealthRoutes(app: OpenAPIHono<TAppEnv>): void {
  app.openapi(portfolio, async (c) => {
    return c.json(await cachedAnswer(c, 'health.scores', c.req.valid('query')), 200);
  });
  app.openapi(bySegment, async (c) => {
    const { at } = c.req.valid('query');
    return c.json(await cachedAnswer(c, 'health.segments', { at }), 200);
  });
  app.openapi(account, async (c) => {
    const { id } = c.req.valid('param');
    const { at } = c.req.valid('query');
    const result = await getAccountHealth({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      accountId: id,
      at,
    });
    return c.json(result, 200);
  });
  app.openapi(recompute, async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { at?: string; account_ids?: string[] };
    const parsed = recompute.request.body.content['application/json'].schema.safeParse(body);
    if (!parsed.success) {
      throw new AppError(
        'invalid_input',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    const result = await recomputeHealth({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      at: parsed.data.at,
      accountIds: parsed.data.account_ids,
    });
    return c.json(result, 200);
  });
  app.openapi(scorecards, async (c) => {
    const result = await findScorecards({ db: c.get('db'), workspaceId: c.get('workspaceId') });
    return c.json({ scorecards: result }, 200);
  });
  app.openapi(preview, async (c) => {
    const body = c.req.valid('json');
    const options = ZPreviewOptions.safeParse(body);
    if (!options.success) {
      throw new AppError(
        'invalid_input',
        options.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    const input = parseScorecardInput({ name: 'Draft', ...body });
    const result = await previewScorecard({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      definition: input.definition,
      appliesTo: input.appliesTo,
      scorecardId: options.data.scorecard_id,
      withBacktest: options.data.backtest ?? false,
    });
    return c.json(result, 200);
  });
  app.openapi(scorecard, async (c) => {
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('query');
    const result = await getScorecard({ db: c.get('db'), workspaceId: c.get('workspaceId'), id, version });
    return c.json(result, 200);
  });
  app.openapi(createCard, async (c) => {
    const input = parseScorecardInput(c.req.valid('json'));
    if (!input.id) throw new AppError('invalid_input', 'invalid scorecard: id: required');
    const result = await createScorecard({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      id: input.id,
      definition: input.definition,
      appliesTo: input.appliesTo,
    });
    return c.json(result, 201);
  });
  app.openapi(updateCard, async (c) => {
    const { id } = c.req.valid('param');
    const input = parseScorecardInput(c.req.valid('json'));
    if (input.id !== undefined && input.id !== id) {
      throw new AppError(
        'invalid_input',
        `invalid scorecard: id: "${input.id}" differs from the path's "${id}"`,
      );
    }
    const result = await updateScorecard({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      id,
      definition: input.definition,
      appliesTo: input.appliesTo,
    });
    return c.json(result, 200);
  });
  app.openapi(backtest, async (c) => {
    const { horizon, scorecard_id } = c.req.valid('query');
    const result = await runScorecardBacktest({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      horizonDays: horizon,
      scorecardId: scorecard_id,
    });
    return c.json(result, 200);
  });
  app.openapi(measures, (c) => c.json(listMeasures(), 200));
}
