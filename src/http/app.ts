import { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { TStore } from '../db/connect.ts';
import type { TAppEnv } from './env.ts';
import { handleError } from './handle-error.ts';
import { requireApiKey } from './require-api-key.ts';
import { registerMetricsRoutes } from './routes/register-metrics-routes.ts';
import { registerTraceRoutes } from './routes/register-trace-routes.ts';
import { validationHook } from './validation-hook.ts';

const OPENAPI_PATH = '/v1/openapi.json';

/** The HTTP API: /healthz, the OpenAPI document, and the /v1 routes behind API-key auth. */
export function createApp({ store }: { store: TStore }): OpenAPIHono<TAppEnv> {
  const app = new OpenAPIHono<TAppEnv>({ defaultHook: validationHook });

  app.get('/healthz', async (c) => {
    await sql`select 1`.execute(store.db);
    return c.json({ status: 'ok', engine: store.engine });
  });

  const auth = requireApiKey({ db: store.db });
  app.use('/v1/*', (c, next) => (c.req.path === OPENAPI_PATH ? next() : auth(c, next)));

  registerMetricsRoutes(app);
  registerTraceRoutes(app);

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
