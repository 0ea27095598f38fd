import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteEmailSuppression } from '../../modules/messaging/delete-email-suppression.ts';
import { toEmailSettings } from '../../modules/messaging/email-settings-shape.ts';
import { findEmailMessages } from '../../modules/messaging/find-email-messages.ts';
import { findEmailSuppressions } from '../../modules/messaging/find-email-suppressions.ts';
import { findEmailTemplates } from '../../modules/messaging/find-email-templates.ts';
import { getEmailSettings } from '../../modules/messaging/get-email-settings.ts';
import { sendTestEmail } from '../../modules/messaging/send-test-email.ts';
import { suppressEmail } from '../../modules/messaging/suppress-email.ts';
import { updateEmailSettings } from '../../modules/messaging/update-email-settings.ts';
import { updateEmailTemplate } from '../../modules/messaging/update-email-template.ts';
import type { TAppEnv } from '../env.ts';
import { errorResponses, jsonResponse } from '../schemas.ts';

const security = [{ bearerAuth: [] }];
const tag = { tags: ['email'], security };
const jsonBody = <T>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

const ZTime = z.string().openapi({ example: '09:00' });
const ZEmailSettings = z
  .looseObject({
    smtp_host: z.string().nullable(),
    smtp_port: z.number(),
    smtp_secure: z.boolean(),
    smtp_username: z.string().nullable(),
    has_password: z.boolean(),
    from_address: z.string().nullable(),
    from_name: z.string().nullable(),
    reply_to: z.string().nullable(),
    window: z.looseObject({ start: ZTime, end: ZTime, days: z.array(z.number()) }).nullable(),
    default_locale: z.enum(['en', 'es']),
    public_url: z.string(),
    updated_at: z.string(),
  })
  .openapi('EmailSettings');
// The module validates and names the field in error; this schema types the body and documents it.
const ZSettingsPatch = z
  .looseObject({
    smtp_host: z.string().nullable().optional(),
    smtp_port: z.number().optional(),
    smtp_secure: z.boolean().optional(),
    smtp_username: z.string().nullable().optional(),
    smtp_password: z.string().nullable().optional().openapi({ description: 'write-only; null clears it' }),
    from_address: z.string().nullable().optional(),
    from_name: z.string().nullable().optional(),
    reply_to: z.string().nullable().optional(),
    window: z
      .looseObject({ start: ZTime, end: ZTime, days: z.array(z.number()) })
      .nullable()
      .optional()
      .openapi({ description: 'local times of the workspace time zone, ISO days 1 (Mon)–7; null: any time' }),
    default_locale: z.enum(['en', 'es']).optional(),
    public_url: z.string().optional().openapi({ description: 'base URL of tracking and unsubscribe links' }),
  })
  .openapi('EmailSettingsPatch');
const ZTemplate = z
  .looseObject({
    id: z.string(),
    locale: z.enum(['en', 'es']),
    subject: z.string(),
    html: z.string(),
    text: z.string(),
    is_builtin: z.boolean(),
    is_custom: z.boolean(),
    variables: z.array(z.string()),
    updated_at: z.string().nullable(),
  })
  .openapi('EmailTemplate');
const ZSuppression = z
  .looseObject({
    email: z.string(),
    reason: z.enum(['unsubscribed', 'bounced', 'manual']),
    created_at: z.string(),
  })
  .openapi('EmailSuppression');
const ZMessage = z
  .looseObject({
    id: z.string(),
    account_id: z.string(),
    contact_id: z.string(),
    to_email: z.string(),
    template_id: z.string(),
    locale: z.string(),
    subject: z.string(),
    status: z.enum(['queued', 'sent', 'failed', 'suppressed', 'uncertain']),
    send_at: z.string().nullable(),
    sent_at: z.string().nullable(),
    error: z.string().nullable(),
    source: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('EmailMessage');

const showSettings = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/email-settings',
  summary: 'SMTP, sender, sending window, default locale and link base (the password is never returned)',
  responses: { 200: jsonResponse(ZEmailSettings, 'the settings'), ...errorResponses },
});
const putSettings = createRoute({
  ...tag,
  method: 'put',
  path: '/v1/email-settings',
  summary: 'Change email settings: absent fields stay, null clears',
  request: jsonBody(ZSettingsPatch),
  responses: { 200: jsonResponse(ZEmailSettings, 'the settings'), ...errorResponses },
});
const testSettings = createRoute({
  ...tag,
  method: 'post',
  path: '/v1/email-settings/test',
  summary: 'Send a test email now through the SMTP settings',
  request: jsonBody(z.strictObject({ to: z.string() })),
  responses: {
    200: jsonResponse(
      z.looseObject({ to: z.string(), accepted: z.boolean(), smtp_response: z.string() }),
      'what the SMTP server answered',
    ),
    ...errorResponses,
  },
});
const listTemplates = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/email-templates',
  summary: "Every template per locale: built-in ones and the workspace's own versions",
  responses: {
    200: jsonResponse(
      z.looseObject({ standard_variables: z.array(z.string()), templates: z.array(ZTemplate) }),
      'templates by id and locale',
    ),
    ...errorResponses,
  },
});
const putTemplate = createRoute({
  ...tag,
  method: 'put',
  path: '/v1/email-templates/{id}',
  summary: "Set the workspace's version of a template in one locale (mustache; checked on save)",
  request: {
    params: z.object({ id: z.string().min(1).max(64) }),
    ...jsonBody(
      z.strictObject({
        locale: z.enum(['en', 'es']),
        subject: z.string(),
        html: z.string(),
        text: z.string(),
      }),
    ),
  },
  responses: { 200: jsonResponse(ZTemplate, 'the template'), ...errorResponses },
});
const listSuppressions = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/email-suppressions',
  summary: 'Addresses that are never emailed (unsubscribed, bounced or added by hand)',
  responses: {
    200: jsonResponse(z.looseObject({ suppressions: z.array(ZSuppression) }), 'by address'),
    ...errorResponses,
  },
});
const addSuppression = createRoute({
  ...tag,
  method: 'post',
  path: '/v1/email-suppressions',
  summary: 'Stop emailing an address',
  request: jsonBody(
    z.strictObject({ email: z.string(), reason: z.enum(['unsubscribed', 'bounced', 'manual']).optional() }),
  ),
  responses: { 201: jsonResponse(ZSuppression, 'the suppression'), ...errorResponses },
});
const removeSuppression = createRoute({
  ...tag,
  method: 'delete',
  path: '/v1/email-suppressions/{email}',
  summary: 'Let an address receive email again',
  request: { params: z.object({ email: z.string().min(1).max(320) }) },
  responses: {
    200: jsonResponse(z.looseObject({ email: z.string(), deleted: z.literal(true) }), 'deleted'),
    ...errorResponses,
  },
});
const listMessages = createRoute({
  ...tag,
  method: 'get',
  path: '/v1/email-messages',
  summary: 'The email log, newest first',
  request: {
    query: z.object({
      account_id: z.string().optional(),
      status: z.enum(['queued', 'sent', 'failed', 'suppressed', 'uncertain']).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
  },
  responses: {
    200: jsonResponse(z.looseObject({ messages: z.array(ZMessage) }), 'messages'),
    ...errorResponses,
  },
});

/** Email settings, templates, suppressions and the message log (issue 4 §4). */
export function registerMessagingRoutes(app: OpenAPIHono<TAppEnv>): void {
  app.openapi(showSettings, async (c) => {
    const row = await getEmailSettings({ db: c.get('db'), workspaceId: c.get('workspaceId') });
    return c.json(toEmailSettings(row), 200);
  });
  app.openapi(putSettings, async (c) => {
    const patch = c.req.valid('json');
    return c.json(
      await updateEmailSettings({ db: c.get('db'), workspaceId: c.get('workspaceId'), patch }),
      200,
    );
  });
  app.openapi(testSettings, async (c) => {
    const { to } = c.req.valid('json');
    return c.json(await sendTestEmail({ db: c.get('db'), workspaceId: c.get('workspaceId'), to }), 200);
  });
  app.openapi(listTemplates, async (c) =>
    c.json(await findEmailTemplates({ db: c.get('db'), workspaceId: c.get('workspaceId') }), 200),
  );
  app.openapi(putTemplate, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const template = await updateEmailTemplate({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      templateId: id,
      body,
    });
    return c.json(template, 200);
  });
  app.openapi(listSuppressions, async (c) =>
    c.json(await findEmailSuppressions({ db: c.get('db'), workspaceId: c.get('workspaceId') }), 200),
  );
  app.openapi(addSuppression, async (c) => {
    const body = c.req.valid('json');
    const suppression = await suppressEmail({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      email: body.email,
      reason: body.reason,
    });
    return c.json(suppression, 201);
  });
  app.openapi(removeSuppression, async (c) => {
    const { email } = c.req.valid('param');
    return c.json(
      await deleteEmailSuppression({ db: c.get('db'), workspaceId: c.get('workspaceId'), email }),
      200,
    );
  });
  app.openapi(listMessages, async (c) => {
    const q = c.req.valid('query');
    const result = await findEmailMessages({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      accountId: q.account_id,
      status: q.status,
      limit: q.limit,
    });
    return c.json(result, 200);
  });
}
