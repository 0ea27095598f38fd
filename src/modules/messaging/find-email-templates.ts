import type { TDb } from '../../db/connect.ts';
import {
  BUILTIN_TEMPLATE_VARIABLES,
  findBuiltinTemplate,
  LOCALES,
  STANDARD_VARIABLES,
  type TLocale,
} from './builtin-templates.ts';

export type TEmailTemplate = {
  id: string;
  locale: TLocale;
  subject: string;
  html: string;
  text: string;
  is_builtin: boolean;
  is_custom: boolean;
  /** The variables the built-in version reads (the standard ones are always there too). */
  variables: string[];
  updated_at: string | null;
};

/** Every template in every locale: the workspace's own versions, and the built-in ones they do not replace. */
export async function findEmailTemplates({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<{ standard_variables: string[]; templates: TEmailTemplate[] }> {
  const rows = await db
    .selectFrom('email_templates')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .execute();
  const custom = new Map(rows.map((r) => [`${r.id}/${r.locale}`, r]));
  const ids = [...new Set([...Object.keys(BUILTIN_TEMPLATE_VARIABLES), ...rows.map((r) => r.id)])].sort();
  const templates: TEmailTemplate[] = [];
  for (const id of ids) {
    for (const locale of LOCALES) {
      const own = custom.get(`${id}/${locale}`);
      const builtin = findBuiltinTemplate(id, locale);
      const content = own ?? builtin;
      if (!content) continue;
      templates.push({
        id,
        locale,
        subject: content.subject,
        html: content.html,
        text: content.text,
        is_builtin: builtin !== undefined,
        is_custom: own !== undefined,
        variables: [...(BUILTIN_TEMPLATE_VARIABLES[id] ?? [])],
        updated_at: own?.updated_at.toISOString() ?? null,
      });
    }
  }
  return { standard_variables: [...STANDARD_VARIABLES], templates };
}
