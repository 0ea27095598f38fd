import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { findBuiltinTemplate, type TLocale, type TTemplateContent } from './builtin-templates.ts';

/**
 * A template's content in a locale: the workspace's own version when it has one, else the built-in one;
 * failing both, the other locale's custom version (a custom template written in one language only).
 */
export async function resolveTemplate({
  db,
  workspaceId,
  templateId,
  locale,
}: {
  db: TDb;
  workspaceId: string;
  templateId: string;
  locale: TLocale;
}): Promise<{ content: TTemplateContent; locale: TLocale }> {
  const rows = await db
    .selectFrom('email_templates')
    .select(['locale', 'subject', 'html', 'text'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', templateId)
    .execute();
  const own = rows.find((r) => r.locale === locale);
  if (own) return { content: own, locale };
  const builtin = findBuiltinTemplate(templateId, locale);
  if (builtin) return { content: builtin, locale };
  if (rows[0]) return { content: rows[0], locale: rows[0].locale };
  throw new AppError('not_found', `no email template "${templateId}"`);
}
