import Mustache from 'mustache';
import { z } from 'zod';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import type { TEmailTemplate } from './find-email-templates.ts';
import { findEmailTemplates } from './find-email-templates.ts';

export const ZTemplateBody = z.strictObject({
  locale: z.enum(['en', 'es']),
  subject: z.string().min(1).max(500),
  html: z.string().min(1).max(200_000),
  text: z.string().min(1).max(200_000),
});

/**
 * Stores the workspace's own version of a template in one locale (replacing the built-in one there, or
 * creating a new template id). Each part must parse as mustache: a broken template is refused now, not
 * found out when an email fails to render.
 */
export async function updateEmailTemplate({
  db,
  workspaceId,
  templateId,
  body,
  now = new Date(),
}: {
  db: TDb;
  workspaceId: string;
  templateId: string;
  body: unknown;
  now?: Date;
}): Promise<TEmailTemplate> {
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(templateId)) {
    throw new AppError(
      'invalid_input',
      'a template id is lower-case letters, digits, "_" or "-" (at most 64)',
    );
  }
  const parsed = ZTemplateBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('invalid_input', `${issue.path.join('.') || 'template'}: ${issue.message}`);
  }
  const template = parsed.data;
  for (const part of ['subject', 'html', 'text'] as const) {
    try {
      Mustache.parse(template[part]);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError('invalid_input', `${part}: not a valid mustache template: ${reason}`);
    }
  }
  await db
    .insertInto('email_templates')
    .values({ workspace_id: workspaceId, id: templateId, ...template, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'id', 'locale']).doUpdateSet({
        subject: template.subject,
        html: template.html,
        text: template.text,
        updated_at: now,
      }),
    )
    .execute();
  const { templates } = await findEmailTemplates({ db, workspaceId });
  return templates.find((t) => t.id === templateId && t.locale === template.locale)!;
}
