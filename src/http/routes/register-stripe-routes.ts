import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { TStore } from '../../db/connect.ts';
import { getStripeSettings } from '../../modules/stripe/get-stripe-settings.ts';
import { receiveStripeWebhook } from '../../modules/stripe/receive-stripe-webhook.ts';
import { updateStripeSettings } from '../../modules/stripe/update-stripe-settings.ts';
import type { TAppEnv } from '../env.ts';
import { errorResponses, jsonResponse } from '../schemas.ts';

const ZStripeSettings = z
  .looseObject({
    webhook_secret_set: z.boolean(),
    api_key_set: z.boolean(),
    webhook_path: z.string(),
    updated_at: z.string().nullable(),
  })
  .openapi('StripeSettings');

const show = createRoute({
  tags: ['stripe'],
  security: [{ bearerAuth: [] }],
  method: 'get',
  path: '/v1/stripe',
  summary: 'Whether Stripe is connected (the secrets themselves are never returned)',
  responses: { 200: jsonResponse(ZStripeSettings, 'the settings'), ...errorResponses },
});
const update = createRoute({
  tags: ['stripe'],
  security: [{ bearerAuth: [] }],
  method: 'put',
  path: '/v1/stripe',
  summary: 'Set the webhook signing secret and the API key (a field left out keeps its value)',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.strictObject({
            webhook_secret: z.string().optional().openapi({ description: "the endpoint's whsec_… secret" }),
            api_key: z
              .string()
              .nullable()
              .optional()
              .openapi({ description: 'sk_… or rk_…; null removes it' }),
          }),
        },
      },
    },
  },
  responses: { 200: jsonResponse(ZStripeSettings, 'the settings'), ...errorResponses },
});
const webhook = createRoute({
  tags: ['stripe'],
  security: [],
  method: 'post',
  path: '/v1/integrations/stripe/webhook',
  summary: "Stripe's webhook: authenticated by its Stripe-Signature header, not by an API key",
  description:
    'The raw JSON body of a Stripe event. Customers, subscriptions, invoices, payments and payment methods ' +
    'become Tenure records (docs/webhooks.md); other event types are acknowledged and ignored.',
  request: {
    query: z.object({
      workspace: z
        .string()
        .optional()
        .openapi({ description: 'the workspace (default: the one whose secret verifies)' }),
    }),
    headers: z.object({ 'stripe-signature': z.string().optional() }),
  },
  responses: {
    200: jsonResponse(
      z.looseObject({
        event_id: z.string(),
        type: z.string(),
        status: z.enum(['processed', 'ignored', 'duplicate']),
        notes: z.array(z.string()),
      }),
      'the event was applied, ignored or seen before',
    ),
    ...errorResponses,
  },
});

/** Stripe: its settings (admin) and its signed webhook (public path, see authenticate.ts). */
export function registerStripeRoutes(app: OpenAPIHono<TAppEnv>, store: TStore): void {
  app.openapi(show, async (c) =>
    c.json(await getStripeSettings({ db: c.get('db'), workspaceId: c.get('workspaceId') }), 200),
  );
  app.openapi(update, async (c) => {
    const body = c.req.valid('json');
    const settings = await updateStripeSettings({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      webhookSecret: body.webhook_secret,
      apiKey: body.api_key,
    });
    return c.json(settings, 200);
  });
  app.openapi(webhook, async (c) => {
    const result = await receiveStripeWebhook({
      store,
      // The exact bytes Stripe signed: never the parsed and re-serialised JSON.
      rawBody: await c.req.text(),
      signature: c.req.header('stripe-signature'),
      workspaceId: c.req.valid('query').workspace,
    });
    return c.json(result, 200);
  });
}
