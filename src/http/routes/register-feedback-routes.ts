import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { FEEDBACK_SOURCES } from '../../modules/feedback/find-feedback-themes.ts';
import { cachedAnswer } from '../cached-answer.ts';
import type { TAppEnv } from '../env.ts';
import { ZDate } from '../params.ts';
import { errorResponses, jsonResponse } from '../schemas.ts';

const money = z.number().openapi({ description: 'reporting currency, rounded to 2 decimals' });
const share = z.number().nullable().openapi({ description: 'fraction rounded to 6 decimals; null when x/0' });
const ZLanguages = z.looseObject({ en: z.number(), es: z.number() });

export const ZFeedbackThemes = z
  .looseObject({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    sources: z.array(z.enum(FEEDBACK_SOURCES)),
    texts: z.number().openapi({ description: 'comments and subjects read (the newest 50,000 at most)' }),
    themed: z.number().openapi({ description: 'of those, the texts grouped into a theme' }),
    truncated: z.boolean(),
    languages: ZLanguages,
    themes: z.array(
      z.looseObject({
        theme: z.string().openapi({ description: 'readable label, e.g. "price" or "precio"' }),
        keywords: z.array(z.string()),
        stems: z.array(z.string()),
        count: z.number(),
        share: z.number(),
        accounts: z.number(),
        languages: ZLanguages,
        nps_responses: z.number(),
        promoters: z.number(),
        passives: z.number(),
        detractors: z.number(),
        promoter_share: share,
        passive_share: share,
        detractor_share: share,
        mrr: money.openapi({ description: "today's MRR of the distinct accounts that raised the theme" }),
        examples: z.array(
          z.looseObject({
            source: z.enum(['survey', 'ticket']),
            id: z.string(),
            account_id: z.string(),
            date: z.string(),
            language: z.enum(['en', 'es']),
            survey: z.string().nullable(),
            score: z.number().nullable(),
            text: z.string(),
          }),
        ),
      }),
    ),
    fix_first: z
      .array(
        z.looseObject({
          theme: z.string(),
          detractors: z.number(),
          passives: z.number(),
          promoters: z.number(),
          mrr: money,
          priority: z.number(),
        }),
      )
      .openapi({ description: 'themes with detractors and passives, by (detractors + passives) × MRR' }),
  })
  .openapi('FeedbackThemes');

const themes = createRoute({
  method: 'get',
  path: '/v1/feedback/themes',
  summary: 'Themes of survey comments and ticket subjects (English and Spanish), ranked by frequency',
  tags: ['feedback'],
  security: [{ bearerAuth: [] }],
  request: {
    query: z.object({
      from: ZDate.optional().openapi({ description: 'first day (default: 90 days before `to`)' }),
      to: ZDate.optional().openapi({ description: 'last day (default: today in the workspace time zone)' }),
      source: z.enum(FEEDBACK_SOURCES).optional().openapi({ description: 'only this source (default both)' }),
      account_id: z
        .string()
        .min(1)
        .optional()
        .openapi({ description: 'only these accounts, comma-separated' }),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: jsonResponse(ZFeedbackThemes, 'themes, largest first, and what to fix first'),
    ...errorResponses,
  },
});

/** Feedback themes (issue 3, item 4), the JSON of `tenure feedback themes`. */
export function registerFeedbackRoutes(app: OpenAPIHono<TAppEnv>): void {
  app.openapi(themes, async (c) => {
    const q = c.req.valid('query');
    const result = await cachedAnswer(c, 'feedback.themes', {
      from: q.from,
      to: q.to,
      sources: q.source ? [q.source] : undefined,
      accountIds: q.account_id?.split(',').map((id) => id.trim()),
      limit: q.limit,
    });
    return c.json(result, 200);
  });
}
