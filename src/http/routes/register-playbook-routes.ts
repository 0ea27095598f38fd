import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { createPlaybook } from '../../modules/playbooks/create-playbook.ts';
import { createPlaybookFromTemplate } from '../../modules/playbooks/create-playbook-from-template.ts';
import { deletePlaybook } from '../../modules/playbooks/delete-playbook.ts';
import { dryRunPlaybook } from '../../modules/playbooks/dry-run-playbook.ts';
import { findEnrollments } from '../../modules/playbooks/find-enrollments.ts';
import { findPlaybookTemplates } from '../../modules/playbooks/find-playbook-templates.ts';
import { findPlaybooks } from '../../modules/playbooks/find-playbooks.ts';
import { getPlaybook } from '../../modules/playbooks/get-playbook.ts';
import { setPlaybookEnabled } from '../../modules/playbooks/set-playbook-enabled.ts';
import { updatePlaybook } from '../../modules/playbooks/update-playbook.ts';
import { cachedAnswer } from '../cached-answer.ts';
import type { TAppEnv } from '../env.ts';
import { errorResponses, jsonResponse, ZErrorBody } from '../schemas.ts';

const tag = { tags: ['playbooks'], security: [{ bearerAuth: [] }] };

const definitionDoc =
  'A playbook definition: `{ name, description?, trigger, conditions?, enrollment?, steps }` (README "Playbooks"). ' +
  'It is validated by the module, whose 400 names the path of every bad field (`steps.2.then: no step "x"`).';
const ZDefinition = z.looseObject({}).openapi('PlaybookDefinition', { description: definitionDoc });
const ZPlaybook = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    template_id: z.string().nullable(),
    is_enabled: z.boolean(),
    version: z.number(),
    definition: ZDefinition,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Playbook');
const ZEnrollment = z
  .looseObject({
    id: z.string(),
    playbook_id: z.string(),
    account_id: z.string(),
    occurrence_key: z.string(),
    status: z.enum(['active', 'completed', 'exited', 'failed']),
    next_step_id: z.string().nullable(),
    enrolled_at: z.string(),
    finished_at: z.string().nullable(),
    exit_reason: z.string().nullable(),
    log: z.array(z.looseObject({ seq: z.number(), at: z.string(), outcome: z.string() })),
  })
  .openapi('PlaybookEnrollment');
const ZDryRun = z
  .looseObject({
    since: z.string(),
    now: z.string(),
    entering: z.array(
      z.looseObject({
        account_id: z.string(),
        occurrence_key: z.string(),
        steps: z.array(z.looseObject({})),
      }),
    ),
    skipped: z.array(z.looseObject({ account_id: z.string(), reason: z.string() })),
  })
  .openapi('PlaybookDryRun');

const jsonBody = <T>(schema: T, required = true) => ({
  body: { content: { 'application/json': { schema } }, required },
});
const idParam = z.object({ id: z.string().min(1).max(64) });
const writeErrors = {
  ...errorResponses,
  409: {
    description: 'a playbook with this id exists',
    content: { 'application/json': { schema: ZErrorBody } },
  },
};
const ZSince = z.string().datetime({ offset: true }).optional().openapi({ description: 'ISO 8601 instant' });

const list = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/playbooks',
  summary: 'Every playbook',
  responses: {
    200: jsonResponse(z.looseObject({ playbooks: z.array(ZPlaybook) }), 'playbooks by name'),
    ...errorResponses,
  },
});
const create = createRoute({
  ...tag,
  method: 'post',
  path: '/v1/playbooks',
  summary: 'Create a playbook (disabled unless `is_enabled`); its first evaluation looks back one hour only',
  request: jsonBody(
    ZDefinition.extend({ id: z.string().optional(), is_enabled: z.boolean().optional() }).openapi(
      'PlaybookCreate',
    ),
  ),
  responses: { 201: jsonResponse(ZPlaybook, 'the playbook'), ...writeErrors },
});
const show = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/playbooks/{id}',
  summary: 'One playbook',
  request: { params: idParam },
  responses: { 200: jsonResponse(ZPlaybook, 'the playbook'), ...errorResponses },
});
const update = createRoute({
  ...tag,
  method: 'put',
  path: '/v1/playbooks/{id}',
  summary: "Replace a playbook's definition (its version goes up)",
  request: { params: idParam, ...jsonBody(ZDefinition) },
  responses: { 200: jsonResponse(ZPlaybook, 'the playbook'), ...errorResponses },
});
const remove = createRoute({
  ...tag,
  method: 'delete',
  path: '/v1/playbooks/{id}',
  summary: 'Delete a playbook with its enrollments (tasks and emails it made stay)',
  request: { params: idParam },
  responses: {
    200: jsonResponse(z.looseObject({ id: z.string(), deleted: z.literal(true) }), 'deleted'),
    ...errorResponses,
  },
});
const toggle = (action: 'enable' | 'disable') =>
  createRoute({
    ...tag,
    method: 'post',
    path: `/v1/playbooks/{id}/${action}`,
    summary:
      action === 'enable'
        ? 'Enable a playbook (the time it was disabled is not replayed)'
        : 'Disable a playbook; its running enrollments exit at their next step',
    request: { params: idParam },
    responses: { 200: jsonResponse(ZPlaybook, 'the playbook'), ...errorResponses },
  });
const enrollments = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/playbooks/{id}/enrollments',
  summary: "A playbook's enrollments, newest first, with their step logs",
  request: { params: idParam },
  responses: {
    200: jsonResponse(z.looseObject({ enrollments: z.array(ZEnrollment) }), 'enrollments'),
    ...errorResponses,
  },
});
const accountEnrollments = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/accounts/{id}/enrollments',
  summary: "An account's playbook enrollments across playbooks, newest first, with their step logs",
  request: { params: idParam },
  responses: {
    200: jsonResponse(z.looseObject({ enrollments: z.array(ZEnrollment) }), 'enrollments'),
    ...errorResponses,
  },
});
const dryRun = createRoute({
  ...tag,
  method: 'post',
  path: '/v1/playbooks/dry-run',
  summary: 'Who would enter a definition now and what would happen to each; writes nothing',
  request: jsonBody(z.strictObject({ definition: ZDefinition, since: ZSince })),
  responses: { 200: jsonResponse(ZDryRun, 'the dry run'), ...errorResponses },
});
const dryRunSaved = createRoute({
  ...tag,
  method: 'post',
  path: '/v1/playbooks/{id}/dry-run',
  summary: 'Who would enter a saved playbook at its next evaluation and what would happen; writes nothing',
  request: { params: idParam, ...jsonBody(z.strictObject({ since: ZSince }), false) },
  responses: { 200: jsonResponse(ZDryRun, 'the dry run'), ...errorResponses },
});
const templates = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/playbook-templates',
  summary: 'The built-in playbook templates (names and descriptions in English and Spanish)',
  request: { query: z.object({ language: z.enum(['en', 'es']).default('en') }) },
  responses: {
    200: jsonResponse(
      z.looseObject({
        templates: z.array(z.looseObject({ id: z.string(), name: z.string(), definition: ZDefinition })),
      }),
      'templates',
    ),
    ...errorResponses,
  },
});
const fromTemplate = createRoute({
  ...tag,
  method: 'post',
  path: '/v1/playbooks/from-template/{templateId}',
  summary: 'Create a playbook from a template (disabled unless `is_enabled`)',
  request: {
    params: z.object({ templateId: z.string().min(1).max(64) }),
    ...jsonBody(
      z.strictObject({
        id: z.string().optional(),
        name: z.string().optional(),
        trigger: z.looseObject({}).optional().openapi({ description: "replaces the template's trigger" }),
        language: z.enum(['en', 'es']).optional(),
        is_enabled: z.boolean().optional(),
      }),
      false,
    ),
  },
  responses: { 201: jsonResponse(ZPlaybook, 'the playbook'), ...writeErrors },
});
const winBack = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/playbooks/win-back',
  summary:
    'Reactivations in [from, to) attributed to a win-back playbook enrollment within window_days before',
  request: {
    query: z.object({
      from: z.string().openapi({ description: 'YYYY-MM-DD, inclusive' }),
      to: z.string().openapi({ description: 'YYYY-MM-DD, exclusive' }),
      window_days: z.coerce.number().int().min(1).max(3650).default(180),
    }),
  },
  responses: {
    200: jsonResponse(
      z
        .looseObject({
          attributed: z.array(
            z.looseObject({ account_id: z.string(), reactivated_on: z.string(), mrr: z.number() }),
          ),
          unattributed: z.array(z.looseObject({ account_id: z.string() })),
          summary: z.looseObject({
            reactivations: z.number(),
            attributed: z.number(),
            attributed_mrr: z.number(),
          }),
        })
        .openapi('WinBackAttribution'),
      'attribution',
    ),
    ...errorResponses,
  },
});

/** Playbooks: CRUD, enable/disable, enrollments, dry runs, templates, win-back attribution (issue 4). */
export function registerPlaybookRoutes(app: OpenAPIHono<TAppEnv>): void {
  const ctx = (c: { get: (key: 'db' | 'workspaceId') => any }) => ({
    db: c.get('db'),
    workspaceId: c.get('workspaceId') as string,
  });
  app.openapi(list, async (c) => c.json(await findPlaybooks(ctx(c)), 200));
  app.openapi(winBack, async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await cachedAnswer(c, 'playbooks.win-back', { from: q.from, to: q.to, windowDays: q.window_days }),
      200,
    );
  });
  app.openapi(dryRun, async (c) => {
    const body = c.req.valid('json');
    const since = body.since ? new Date(body.since) : undefined;
    return c.json(
      await dryRunPlaybook({ ...ctx(c), definition: body.definition, since, now: new Date() }),
      200,
    );
  });
  app.openapi(create, async (c) => {
    const { id, is_enabled, ...definition } = c.req.valid('json');
    return c.json(await createPlaybook({ ...ctx(c), id, definition, isEnabled: is_enabled }), 201);
  });
  app.openapi(fromTemplate, async (c) => {
    const { templateId } = c.req.valid('param');
    // The body is optional: without one (no content type) the validator leaves it undefined.
    const body = c.req.valid('json') ?? {};
    const playbook = await createPlaybookFromTemplate({
      ...ctx(c),
      templateId,
      id: body.id,
      name: body.name,
      trigger: body.trigger,
      language: body.language,
      isEnabled: body.is_enabled,
    });
    return c.json(playbook, 201);
  });
  app.openapi(show, async (c) =>
    c.json(await getPlaybook({ ...ctx(c), playbookId: c.req.valid('param').id }), 200),
  );
  app.openapi(update, async (c) =>
    c.json(
      await updatePlaybook({
        ...ctx(c),
        playbookId: c.req.valid('param').id,
        definition: c.req.valid('json'),
      }),
      200,
    ),
  );
  app.openapi(remove, async (c) =>
    c.json(await deletePlaybook({ ...ctx(c), playbookId: c.req.valid('param').id }), 200),
  );
  app.openapi(toggle('enable'), async (c) =>
    c.json(
      await setPlaybookEnabled({ ...ctx(c), playbookId: c.req.valid('param').id, isEnabled: true }),
      200,
    ),
  );
  app.openapi(toggle('disable'), async (c) =>
    c.json(
      await setPlaybookEnabled({ ...ctx(c), playbookId: c.req.valid('param').id, isEnabled: false }),
      200,
    ),
  );
  app.openapi(enrollments, async (c) =>
    c.json(await findEnrollments({ ...ctx(c), playbookId: c.req.valid('param').id }), 200),
  );
  app.openapi(accountEnrollments, async (c) =>
    c.json(await findEnrollments({ ...ctx(c), accountId: c.req.valid('param').id }), 200),
  );
  app.openapi(dryRunSaved, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json') ?? {};
    const playbook = await getPlaybook({ ...ctx(c), playbookId: id });
    const since = body.since ? new Date(body.since) : undefined;
    return c.json(
      await dryRunPlaybook({
        ...ctx(c),
        definition: playbook.definition,
        playbookId: id,
        since,
        now: new Date(),
      }),
      200,
    );
  });
  app.openapi(templates, async (c) =>
    c.json(findPlaybookTemplates({ language: c.req.valid('query').language }), 200),
  );
}
