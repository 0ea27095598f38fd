import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { createWebhookEndpoint } from '../../modules/webhooks/create-webhook-endpoint.ts';
import { deleteWebhookEndpoint } from '../../modules/webhooks/delete-webhook-endpoint.ts';
import { findWebhookDeliveries } from '../../modules/webhooks/find-webhook-deliveries.ts';
import { findWebhookEndpoints } from '../../modules/webhooks/find-webhook-endpoints.ts';
import { getWebhookEndpoint } from '../../modules/webhooks/get-webhook-endpoint.ts';
import { sendTestWebhook } from '../../modules/webhooks/send-test-webhook.ts';
import { updateWebhookEndpoint } from '../../modules/webhooks/update-webhook-endpoint.ts';
import type { TAppEnv } from '../env.ts';
import { errorResponses, jsonResponse } from '../schemas.ts';

const tag = { tags: ['webhooks'], security: [{ bearerAuth: [] }] };

const ZWebhook = z
  .looseObject({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    event_types: z.array(z.string()).openapi({ description: 'empty: every event type' }),
    is_enabled: z.boolean(),
    created_at: z.string(),
  })
  .openapi('Webhook');
const ZDelivery = z
  .looseObject({
    id: z.string().openapi({ description: 'also sent as the Tenure-Delivery header' }),
    endpoint_id: z.string(),
    event_type: z.string(),
    idempotency_key: z.string(),
    status: z.enum(['pending', 'delivered', 'dead']),
    attempt_count: z.number(),
    last_status_code: z.number().nullable(),
    last_error: z.string().nullable(),
    delivered_at: z.string().nullable(),
    created_at: z.string(),
    payload: z.looseObject({}).openapi({ description: 'the JSON body sent' }),
    attempts: z.array(
      z.looseObject({
        attempt: z.number(),
        attempted_at: z.string(),
        status_code: z.number().nullable(),
        error: z.string().nullable(),
        duration_ms: z.number(),
      }),
    ),
  })
  .openapi('WebhookDelivery');
const eventTypesDoc = 'event types to receive, e.g. ["task.created"]; empty or absent: every type';
const jsonBody = <T>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
const idParam = z.object({ id: z.string().min(1).max(64) });

const list = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/webhooks',
  summary: 'Every webhook endpoint (secrets are never shown)',
  responses: {
    200: jsonResponse(z.looseObject({ webhooks: z.array(ZWebhook) }), 'endpoints'),
    ...errorResponses,
  },
});
const create = createRoute({
  ...tag,
  method: 'post',
  path: '/v1/webhooks',
  summary: 'Add an endpoint; its signing secret (whsec_…) is in this response only',
  request: jsonBody(
    z.strictObject({
      url: z.string(),
      description: z.string().nullable().optional(),
      event_types: z.array(z.string()).optional().openapi({ description: eventTypesDoc }),
      is_enabled: z.boolean().optional(),
    }),
  ),
  responses: {
    201: jsonResponse(ZWebhook.extend({ secret: z.string() }), 'the endpoint and its secret'),
    ...errorResponses,
  },
});
const show = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/webhooks/{id}',
  summary: 'One endpoint',
  request: { params: idParam },
  responses: { 200: jsonResponse(ZWebhook, 'the endpoint'), ...errorResponses },
});
const update = createRoute({
  ...tag,
  method: 'patch',
  path: '/v1/webhooks/{id}',
  summary: "Change an endpoint's URL, description, event types or whether it is enabled",
  request: {
    params: idParam,
    ...jsonBody(
      z.strictObject({
        url: z.string().optional(),
        description: z.string().nullable().optional(),
        event_types: z.array(z.string()).optional().openapi({ description: eventTypesDoc }),
        is_enabled: z.boolean().optional(),
      }),
    ),
  },
  responses: { 200: jsonResponse(ZWebhook, 'the endpoint'), ...errorResponses },
});
const remove = createRoute({
  ...tag,
  method: 'delete',
  path: '/v1/webhooks/{id}',
  summary: 'Delete an endpoint and its delivery log; pending deliveries are dropped',
  request: { params: idParam },
  responses: {
    200: jsonResponse(z.looseObject({ id: z.string(), deleted: z.literal(true) }), 'deleted'),
    ...errorResponses,
  },
});
const deliveries = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/webhooks/{id}/deliveries',
  summary: "An endpoint's deliveries, newest first, with every attempt",
  request: {
    params: idParam,
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
  },
  responses: {
    200: jsonResponse(z.looseObject({ deliveries: z.array(ZDelivery) }), 'deliveries'),
    ...errorResponses,
  },
});
const test = createRoute({
  ...tag,
  method: 'post',
  path: '/v1/webhooks/{id}/test',
  summary: 'Queue a `ping` event to this endpoint (whatever types it subscribes to)',
  request: { params: idParam },
  responses: {
    202: jsonResponse(z.looseObject({ delivery_id: z.string(), event_type: z.literal('ping') }), 'queued'),
    ...errorResponses,
  },
});

/** Outgoing webhooks: endpoints, their delivery log and a test ping (issue 4 §5; admin only). */
export function registerWebhookRoutes(app: OpenAPIHono<TAppEnv>): void {
  app.openapi(list, async (c) =>
    c.json(await findWebhookEndpoints({ db: c.get('db'), workspaceId: c.get('workspaceId') }), 200),
  );
  app.openapi(create, async (c) => {
    const body = c.req.valid('json');
    const endpoint = await createWebhookEndpoint({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      url: body.url,
      description: body.description,
      eventTypes: body.event_types,
      isEnabled: body.is_enabled,
    });
    return c.json(endpoint, 201);
  });
  app.openapi(show, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(
      await getWebhookEndpoint({ db: c.get('db'), workspaceId: c.get('workspaceId'), endpointId: id }),
      200,
    );
  });
  app.openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const endpoint = await updateWebhookEndpoint({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      endpointId: id,
      url: body.url,
      description: body.description,
      eventTypes: body.event_types,
      isEnabled: body.is_enabled,
    });
    return c.json(endpoint, 200);
  });
  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(
      await deleteWebhookEndpoint({ db: c.get('db'), workspaceId: c.get('workspaceId'), endpointId: id }),
      200,
    );
  });
  app.openapi(deliveries, async (c) => {
    const { id } = c.req.valid('param');
    const result = await findWebhookDeliveries({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      endpointId: id,
      limit: c.req.valid('query').limit,
    });
    return c.json(result, 200);
  });
  app.openapi(test, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(
      await sendTestWebhook({ db: c.get('db'), workspaceId: c.get('workspaceId'), endpointId: id }),
      202,
    );
  });
}
