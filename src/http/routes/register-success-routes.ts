import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { cachedAnswer } from '../cached-answer.ts';
import type { TAppEnv } from '../env.ts';
import { ZInterval, ZMonth } from '../params.ts';
import { errorResponses, jsonResponse } from '../schemas.ts';

const money = z.number().nullable().openapi({ description: 'reporting currency, rounded to 2 decimals' });
const rate = z.number().nullable().openapi({ description: 'fraction rounded to 6 decimals; null when x/0' });
const count = z.number().int();

/** shared/spec/cli.md `metrics cs`: the fields it lists, then the rest of issue 3's figures. */
export const ZSuccessMetrics = z
  .looseObject({
    currency: z.string(),
    interval: z.string(),
    accounts: z
      .number()
      .nullable()
      .openapi({ description: 'accounts in scope; null for the whole workspace' }),
    note: z.string().optional().openapi({ description: 'how workspace-wide costs were attributed' }),
    periods: z.array(
      z.looseObject({
        period: z.string(),
        start: z.string(),
        end: z.string(),
        nps: z.number().nullable().openapi({ description: '−100..100, 1 decimal; null without responses' }),
        nps_responses: count,
        promoters: count,
        passives: count,
        detractors: count,
        csat: rate,
        csat_responses: count,
        tickets_opened: count,
        first_contact_resolution_rate: rate,
        retention_cost: money,
        crc: money,
        arpa: money,
        email_open_rate: rate,
        csat_satisfied: count,
        ticket_csat: rate,
        ticket_csat_responses: count,
        tickets_resolved_first_contact: count,
        customers_start: count,
        customers_end: count,
        average_customers: z.number(),
        mrr_end: z.number(),
        crc_exceeds_arpa: z.boolean().nullable(),
        emails_delivered: count,
        emails_opened: count,
        unresolved_complaints: count,
        unresolved_complaint_accounts: count,
        failed_payment_attempts: count,
        failed_payment_invoices: count,
        late_invoices: count,
        overdue_open_invoices: count,
      }),
    ),
  })
  .openapi('SuccessMetrics');

const cs = createRoute({
  method: 'get',
  tags: ['metrics'],
  security: [{ bearerAuth: [] }],
  path: '/v1/metrics/cs',
  summary: 'Customer success metrics per period (NPS, CSAT, FCR, CRC, email opens, complaints, payments)',
  request: {
    query: z.object({
      from: ZMonth,
      to: ZMonth,
      interval: ZInterval,
      account_id: z.string().min(1).optional().openapi({ description: 'only this account' }),
      segment_id: z.string().min(1).optional().openapi({ description: 'only the accounts of this segment' }),
    }),
  },
  responses: { 200: jsonResponse(ZSuccessMetrics, 'one row per period'), ...errorResponses },
});

/** shared/spec/metrics.md "Customer success", with the JSON of `tenure metrics cs` (shared/spec/cli.md). */
export function registerSuccessRoutes(app: OpenAPIHono<TAppEnv>): void {
  app.openapi(cs, async (c) => {
    const q = c.req.valid('query');
    const result = await cachedAnswer(c, 'metrics.cs', {
      from: q.from,
      to: q.to,
      interval: q.interval,
      accountIds: q.account_id === undefined ? undefined : [q.account_id],
      segmentId: q.segment_id,
    });
    return c.json(result, 200);
  });
}
