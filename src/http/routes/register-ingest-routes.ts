import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { TStore } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import type { TColumn, TEntity } from '../../modules/imports/import-types.ts';
import { getRecord } from '../../modules/ingest/get-record.ts';
import { ingestEntities, type TIngestEntity } from '../../modules/ingest/ingest-entities.ts';
import { ingestEvents, MAX_BATCH_EVENTS } from '../../modules/ingest/ingest-events.ts';
import { upsertRecord } from '../../modules/ingest/upsert-record.ts';
import type { TAppEnv } from '../env.ts';
import { ZDate } from '../params.ts';
import { errorResponses, jsonResponse } from '../schemas.ts';

const MiB = 1024 * 1024;
/** One record is a few hundred bytes; a batch of 1,000 events with properties stays well under 8 MiB. */
const RECORD_LIMIT = MiB;
const BATCH_LIMIT = 8 * MiB;

const common = { tags: ['ingest'], security: [{ bearerAuth: [] }] };

const writeErrors = {
  ...errorResponses,
  400: jsonResponse(
    z.object({
      error: z.looseObject({
        code: z.string(),
        message: z.string(),
        details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
      }),
    }),
    'invalid record: `details` names each field in error',
  ),
  409: jsonResponse(
    z.object({ error: z.looseObject({ code: z.string() }) }),
    'a concurrent write of the same records: send again',
  ),
  413: jsonResponse(z.object({ error: z.looseObject({ code: z.string() }) }), 'body over the size limit'),
};

const ZWriteResult = z
  .object({
    status: z.enum(['created', 'updated', 'unchanged']),
    record: z.record(z.string(), z.unknown()).openapi({ description: 'the record as stored' }),
    warnings: z.array(z.string()),
  })
  .openapi('IngestResult');

const ZBatchItem = z.object({
  index: z.number(),
  id: z.string().nullable(),
  status: z.enum(['created', 'updated', 'unchanged', 'rejected']),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});

const ZBatchResult = z
  .object({
    accepted: z.number(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    rejected: z.number(),
    items: z.array(ZBatchItem),
    warnings: z.array(z.string()),
  })
  .openapi('EventBatchResult');

/**
 * Create/update of every record of shared/spec/data.md as JSON (same field names as the CSV columns), read
 * back by key, and a batch endpoint for usage events. Bodies are validated and written by the import
 * pipeline (`modules/ingest`), not by zod: the schemas here document the contract for the OpenAPI document.
 */
export function registerIngestRoutes(app: OpenAPIHono<TAppEnv>, store: TStore): void {
  const recordLimit = limit(RECORD_LIMIT);
  app.openAPIRegistry.registerPath(
    createRoute({
      ...common,
      method: 'post',
      path: '/v1/events/batch',
      summary: `Create or update up to ${MAX_BATCH_EVENTS} usage events (idempotent by id, partial success)`,
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                events: z.array(recordSchema(eventsTarget().entity)).max(MAX_BATCH_EVENTS),
              }),
            },
          },
        },
      },
      responses: {
        200: jsonResponse(
          ZBatchResult,
          'at least one event accepted; rejected ones listed with their errors',
        ),
        ...writeErrors,
        400: jsonResponse(ZBatchResult, 'every event rejected, or the body is not a batch (error object)'),
      },
    }),
  );
  app.post('/v1/events/batch', limit(BATCH_LIMIT), async (c) => {
    const body = await readJson(c);
    const items = (body as { events?: unknown } | null)?.events;
    if (!Array.isArray(items)) {
      throw new AppError('invalid_input', 'the body must be { "events": [ … ] }', [
        { field: 'events', message: 'expected an array of events' },
      ]);
    }
    const result = await ingestEvents({ store, workspaceId: c.get('workspaceId'), items });
    return c.json(result, result.accepted === 0 && result.rejected > 0 ? 400 : 200);
  });

  for (const target of ingestEntities) {
    const keyPath = target.entity.name === 'fx_rates' ? '{currency}/{date}' : '{id}';
    app.openAPIRegistry.registerPath(
      createRoute({
        ...common,
        method: 'post',
        path: `/v1/${target.path}`,
        summary: `Create or update one ${target.noun}`,
        request: {
          body: { required: true, content: { 'application/json': { schema: recordSchema(target.entity) } } },
        },
        responses: {
          200: jsonResponse(ZWriteResult, `the ${target.noun} existed: updated or unchanged`),
          201: jsonResponse(ZWriteResult, `the ${target.noun} was created`),
          ...writeErrors,
        },
      }),
    );
    app.post(`/v1/${target.path}`, recordLimit, async (c) => {
      const record = await readJson(c);
      const result = await upsertRecord({ store, workspaceId: c.get('workspaceId'), target, record });
      return c.json(result, result.status === 'created' ? 201 : 200);
    });

    app.openAPIRegistry.registerPath(
      createRoute({
        ...common,
        method: 'get',
        path: `/v1/${target.path}/${keyPath}`,
        summary: `One ${target.noun} as stored`,
        request: { params: keyParams(target) },
        responses: {
          200: jsonResponse(z.record(z.string(), z.unknown()), `the ${target.noun}`),
          ...errorResponses,
        },
      }),
    );
    app.get(`/v1/${target.path}/${keyPath.replace(/\{(\w+)\}/g, ':$1')}`, async (c) => {
      const parsed = keyParams(target).safeParse(c.req.param());
      if (!parsed.success) {
        throw new AppError(
          'invalid_input',
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      }
      const key = parsed.data as Record<string, string>;
      return c.json(
        await getRecord({ db: c.get('db'), workspaceId: c.get('workspaceId'), target, key }),
        200,
      );
    });
  }
}

function eventsTarget(): TIngestEntity {
  return ingestEntities.find((e) => e.path === 'events')!;
}

function limit(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('payload_too_large', `the request body is over the limit of ${maxSize / MiB} MiB`);
    },
  });
}

/** The body as JSON; anything else (empty, malformed, not JSON) is a 400 in the shape of every error. */
async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalid_input', 'the body is not valid JSON');
  }
}

function keyParams(target: TIngestEntity) {
  return target.entity.name === 'fx_rates'
    ? z.object({
        currency: z
          .string()
          .regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 code')
          .transform((s) => s.toUpperCase()),
        date: ZDate,
      })
    : z.object({ id: z.string().min(1).max(255) });
}

/** The JSON shape of one record, from the same column definitions the import validates with. */
function recordSchema(entity: TEntity) {
  const shape = Object.fromEntries(
    entity.columns.map((column) => {
      const schema = columnSchema(column);
      return [column.name, column.isRequired ? schema : schema.nullable().optional()];
    }),
  );
  const object = z.object(shape);
  return entity.hasAttributes
    ? object.catchall(z.unknown()).openapi({ description: 'unknown fields become custom attributes' })
    : object;
}

function columnSchema(column: TColumn) {
  const type = column.type;
  switch (type.kind) {
    case 'timestamp':
      return z.string().openapi({ description: 'YYYY-MM-DD (workspace time zone) or ISO 8601 with offset' });
    case 'date':
      return z.string().openapi({ description: 'YYYY-MM-DD' });
    case 'amount':
      return z.union([z.string(), z.number()]).openapi({
        description: "decimal string in the major unit (49.99), at most the currency's decimals",
      });
    case 'decimal':
      return z.union([z.string(), z.number()]).openapi({ description: 'decimal number' });
    case 'integer':
      return z.union([z.number().int(), z.string()]);
    case 'boolean':
      return z.union([z.boolean(), z.string()]).openapi({ description: 'true/false, 1/0, yes/no' });
    case 'enum':
      return z.enum(type.values as [string, ...string[]]);
    case 'currency':
      return z.string().openapi({ description: 'ISO 4217 code' });
    case 'json':
      return z.record(z.string(), z.unknown());
    case 'ref':
      return z.string().openapi({ description: `id of a ${type.noun} of this workspace` });
    default:
      return z.string();
  }
}
