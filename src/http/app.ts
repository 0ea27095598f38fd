import { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { TStore } from '../db/connect.ts';
import { authenticate } from './authenticate.ts';
import type { TAppEnv } from './env.ts';
import { handleError } from './handle-error.ts';
import { registerAccount360Routes } from './routes/register-account360-routes.ts';
import { registerAuthRoutes } from './routes/register-auth-routes.ts';
import { registerDunningRoutes } from './routes/register-dunning-routes.ts';
import { registerEmailTrackingRoutes } from './routes/register-email-tracking-routes.ts';
import { registerFeedbackRoutes } from './routes/register-feedback-routes.ts';
import { registerHealthRoutes } from './routes/register-health-routes.ts';
import { registerIngestRoutes } from './routes/register-ingest-routes.ts';
import { registerJobRoutes } from './routes/register-job-routes.ts';
import { registerMessagingRoutes } from './routes/register-messaging-routes.ts';
import { registerMetricsRoutes } from './routes/register-metrics-routes.ts';
import { registerNoteRoutes } from './routes/register-note-routes.ts';
import { registerOffboardingRoutes } from './routes/register-offboarding-routes.ts';
import { registerPlaybookRoutes } from './routes/register-playbook-routes.ts';
import { registerRetentionRoutes } from './routes/register-retention-routes.ts';
import { registerSegmentRoutes } from './routes/register-segment-routes.ts';
import { registerStripeRoutes } from './routes/register-stripe-routes.ts';
import { registerSuccessRoutes } from './routes/register-success-routes.ts';
import { registerTaskRoutes } from './routes/register-task-routes.ts';
import { registerTraceRoutes } from './routes/register-trace-routes.ts';
import { registerUsageRoutes } from './routes/register-usage-routes.ts';
import { registerUserRoutes } from './routes/register-user-routes.ts';
import { registerWebhookRoutes } from './routes/register-webhook-routes.ts';
import { registerWorkspaceRoutes } from './routes/register-workspace-routes.ts';
import { serveWeb } from './serve-web.ts';
import { validationHook } from './validation-hook.ts';

const OPENAPI_PATH = '/v1/openapi.json';

/** The HTTP API: /healthz, the OpenAPI document, and the /v1 routes behind API-key auth. */
export function createApp({ store }: { store: TStore }): OpenAPIHono<TAppEnv> {
  const app = new OpenAPIHono<TAppEnv>({ defaultHook: validationHook });

  app.get('/healthz', async (c) => {
    await sql`select 1`.execute(store.db);
    return c.json({ status: 'ok', engine: store.engine });
  });

  // API key or session cookie, CSRF and role checks for every /v1 route (authenticate.ts, permissions.ts).
  app.use('/v1/*', authenticate({ db: store.db }));

  registerMetricsRoutes(app);
  registerSegmentRoutes(app);
  registerPlaybookRoutes(app);
  registerSuccessRoutes(app);
  registerIngestRoutes(app, store);
  registerTraceRoutes(app);
  registerUsageRoutes(app);
  registerAuthRoutes(app);
  registerFeedbackRoutes(app);
  registerHealthRoutes(app);
  registerUserRoutes(app);
  registerJobRoutes(app);
  registerWebhookRoutes(app);
  registerStripeRoutes(app, store);
  registerTaskRoutes(app);
  registerRetentionRoutes(app);
  registerOffboardingRoutes(app, store);
  registerAccount360Routes(app);
  registerNoteRoutes(app);
  registerMessagingRoutes(app);
  registerEmailTrackingRoutes(app, store);
  registerDunningRoutes(app, store);
  registerWorkspaceRoutes(app);
  // The dashboard and its SPA fallback, last: every /v1 route above wins over it.
  serveWeb(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key from `tenure api-keys create`; it selects the workspace.',
  });
  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: {
      title: 'Tenure API',
      version: '1',
      description: 'Revenue metrics of one workspace, the same JSON as the `tenure` command line.',
    },
    security: [{ bearerAuth: [] }],
  });

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.onError(handleError);
  return app;
}
