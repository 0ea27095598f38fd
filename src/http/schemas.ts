import { z } from '@hono/zod-openapi';

/**
 * Response shapes of shared/spec/cli.md, for the OpenAPI document. Objects are loose: the contract lists
 * the fields a response always has; it may have more.
 */
const money = z.number().openapi({ description: 'reporting currency, rounded to 2 decimals' });
const rate = z.number().nullable().openapi({ description: 'fraction rounded to 6 decimals; null when x/0' });

export const ZErrorBody = z
  .object({
    error: z.looseObject({ code: z.string(), message: z.string() }),
  })
  .openapi('Error');

export const ZRevenueMetrics = z
  .looseObject({
    currency: z.string(),
    interval: z.string(),
    periods: z.array(
      z.looseObject({
        period: z.string(),
        start: z.string(),
        end: z.string(),
        mrr_start: money,
        mrr_end: money,
        new: money,
        expansion: money,
        contraction: money,
        churn: money,
        reactivation: money,
        customers_start: z.number(),
        customers_end: z.number(),
        new_customers: z.number(),
        churned_customers: z.number(),
        reactivated_customers: z.number(),
        customer_churn_rate: rate,
        gross_mrr_churn_rate: rate,
        net_mrr_churn_rate: rate,
        grr: rate,
        nrr: rate,
        quick_ratio: rate,
        arpa: money.nullable(),
        arr_end: money,
        arpu: money.nullable(),
        ltv: money.nullable(),
      }),
    ),
    trailing_12_months: z
      .object({ start: z.string(), end: z.string(), mrr_start: money, grr: rate, nrr: rate })
      .openapi({ description: "GRR and NRR over the 12 months ending on the last period's last day" }),
  })
  .openapi('RevenueMetrics');

const ZMovement = z.looseObject({
  date: z.string(),
  account_id: z.string(),
  type: z.string(),
  amount: money,
  mrr_before: money,
  mrr_after: money,
});

export const ZMovements = z
  .looseObject({ currency: z.string(), movements: z.array(ZMovement) })
  .openapi('Movements');

export const ZMrr = z
  .looseObject({ date: z.string(), currency: z.string(), mrr: money, arr: money, customers: z.number() })
  .openapi('Mrr');

export const ZCohorts = z
  .looseObject({
    currency: z.string(),
    cohorts: z.array(
      z.looseObject({
        cohort: z.string(),
        customers: z.number(),
        starting_mrr: money,
        months: z.array(z.looseObject({ month_index: z.number(), period: z.string() })),
      }),
    ),
  })
  .openapi('Cohorts');

export const ZRenewals = z
  .looseObject({
    currency: z.string(),
    periods: z.array(z.looseObject({ period: z.string(), start: z.string(), end: z.string() })),
  })
  .openapi('Renewals');

export const ZMovementLines = z
  .looseObject({
    currency: z.string(),
    movement: ZMovement,
    lines: z.array(
      z.looseObject({
        invoice_id: z.string(),
        id: z.string(),
        service_start: z.string(),
        service_end: z.string(),
        mrr: money,
        effect: z.enum(['starts', 'ends']),
      }),
    ),
  })
  .openapi('MovementLines');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZErrorBody } },
});

/** The errors any authenticated read route can answer with. */
export const errorResponses = {
  400: errorResponse('invalid query parameters'),
  401: errorResponse('missing or invalid API key'),
  404: errorResponse('workspace or record not found'),
};

export const jsonResponse = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
