import { parsePlaybookDefinition, type TPlaybookDefinition } from './playbook-definition.ts';
import { PLAYBOOK_TEMPLATES } from './templates/playbook-templates.ts';

export type TPlaybookTemplateView = {
  id: string;
  name: string;
  description: string;
  names: { en: string; es: string };
  descriptions: { en: string; es: string };
  definition: TPlaybookDefinition;
};

/** The built-in playbook templates, named in `language` (en or es; the other stays alongside). */
export function findPlaybookTemplates({ language = 'en' }: { language?: 'en' | 'es' } = {}): {
  templates: TPlaybookTemplateView[];
} {
  return {
    templates: PLAYBOOK_TEMPLATES.map((t) => ({
      id: t.id,
      name: t.name[language],
      description: t.description[language],
      names: t.name,
      descriptions: t.description,
      definition: parsePlaybookDefinition(t.definition),
    })),
  };
}
