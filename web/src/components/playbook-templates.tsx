import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useLocale, useT } from '../i18n.ts';
import { navigate } from '../router.tsx';
import type { TPlaybook, TPlaybookTemplate } from '../types.ts';
import { stepSentence, triggerSummary } from './playbook-text.tsx';
import { QueryState } from './query-state.tsx';

/**
 * The built-in templates in the reader's language. A manager makes a playbook of one (disabled, named in
 * that language) and lands on it, to dry-run it before enabling it.
 */
export function PlaybookTemplates({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const format = useFormat();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const templates = useQuery({
    queryKey: ['playbook-templates', locale],
    queryFn: () =>
      api<{ templates: TPlaybookTemplate[] }>('/v1/playbook-templates', { query: { language: locale } }),
  });
  const create = useMutation({
    mutationFn: (templateId: string) =>
      api<TPlaybook>(`/v1/playbooks/from-template/${encodeURIComponent(templateId)}`, {
        method: 'POST',
        body: { language: locale },
      }),
    onSuccess: (playbook) => {
      queryClient.setQueryData(['playbook', playbook.id], playbook);
      void queryClient.invalidateQueries({ queryKey: ['playbooks'] });
      navigate(`/playbooks?playbook=${encodeURIComponent(playbook.id)}`);
    },
  });
  return (
    <section className="card" aria-labelledby="templates-title">
      <h2 id="templates-title">{t('playbooks.templates')}</h2>
      <p className="muted">{t('playbooks.templatesHint')}</p>
      {create.isError ? (
        <p className="error" role="alert">
          {create.error.message}
        </p>
      ) : null}
      <QueryState query={templates}>
        {(data) => (
          <ul className="template-gallery">
            {data.templates.map((template) => (
              <li key={template.id} className="template-card">
                <h3>{template.name}</h3>
                <p>{template.description}</p>
                <p className="muted">{triggerSummary(t, template.definition.trigger)}</p>
                <details>
                  <summary>{t('playbooks.steps')}</summary>
                  <ol>
                    {template.definition.steps.map((step) => (
                      <li key={step.id}>{stepSentence(t, format, step)}</li>
                    ))}
                  </ol>
                </details>
                {canEdit ? (
                  <button
                    type="button"
                    disabled={create.isPending}
                    aria-label={t('playbooks.useTemplateNamed', { name: template.name })}
                    onClick={() => create.mutate(template.id)}
                  >
                    {t('playbooks.useTemplate')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
