import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import type { TEnrollment, TPlaybook } from '../types.ts';
import { PlaybookDryRun } from './playbook-dry-run.tsx';
import { PlaybookEditor } from './playbook-editor.tsx';
import { PlaybookEnrollments } from './playbook-enrollments.tsx';
import { stepSentence, triggerSummary } from './playbook-text.tsx';
import { QueryState } from './query-state.tsx';

/**
 * One playbook: its definition in words and as JSON, its dry run and its enrollments with their step logs;
 * a manager also enables or disables it and edits the definition (src/http/permissions.ts).
 */
export function PlaybookView({
  playbookId,
  canEdit,
  canDryRun,
}: {
  playbookId: string;
  canEdit: boolean;
  canDryRun: boolean;
}) {
  const t = useT();
  const path = encodeURIComponent(playbookId);
  const playbook = useQuery({
    queryKey: ['playbook', playbookId],
    queryFn: () => api<TPlaybook>(`/v1/playbooks/${path}`),
  });
  return (
    <QueryState query={playbook}>
      {(p) => (
        <>
          <PlaybookDefinition playbook={p} canEdit={canEdit} />
          {/* A dry run writes nothing: a CSM may run it too (src/http/permissions.ts). */}
          {canDryRun ? <PlaybookDryRun playbookId={p.id} /> : null}
          {canEdit ? (
            <section className="card" aria-labelledby="editor-title">
              <h2 id="editor-title">{t('playbooks.edit')}</h2>
              {/* A fresh editor per version: after a save the text restarts from what was stored. */}
              <PlaybookEditor key={`${p.id}@${p.version}`} playbook={p} />
            </section>
          ) : null}
          <PlaybookEnrollmentList playbookId={p.id} />
        </>
      )}
    </QueryState>
  );
}

function PlaybookDefinition({ playbook, canEdit }: { playbook: TPlaybook; canEdit: boolean }) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (action: 'enable' | 'disable') =>
      api<TPlaybook>(`/v1/playbooks/${encodeURIComponent(playbook.id)}/${action}`, { method: 'POST' }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['playbook', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['playbooks'] });
    },
  });
  const { definition } = playbook;
  return (
    <section className="card" aria-labelledby="playbook-title">
      <div className="card-head">
        <h2 id="playbook-title">{playbook.name}</h2>
        <span className="row">
          <span className={playbook.is_enabled ? 'state-on' : 'state-off'} data-testid="playbook-state">
            {playbook.is_enabled ? t('playbooks.enabled') : t('playbooks.disabled')}
          </span>
          {canEdit ? (
            <button
              type="button"
              disabled={toggle.isPending}
              onClick={() => toggle.mutate(playbook.is_enabled ? 'disable' : 'enable')}
            >
              {playbook.is_enabled ? t('playbooks.disable') : t('playbooks.enable')}
            </button>
          ) : null}
        </span>
      </div>
      {toggle.isError ? <p className="error">{toggle.error.message}</p> : null}
      {playbook.description ? <p>{playbook.description}</p> : null}
      <p className="muted">
        {t('playbooks.version', { version: playbook.version })}
        {playbook.template_id
          ? ` · ${t('playbooks.fromTemplate', { template: playbook.template_id })}`
          : null}
      </p>
      <dl className="facts">
        <div>
          <dt>{t('playbooks.trigger')}</dt>
          <dd>{triggerSummary(t, definition.trigger)}</dd>
        </div>
        {definition.conditions && Object.keys(definition.conditions).length > 0 ? (
          <div>
            <dt>{t('playbooks.conditions')}</dt>
            <dd>
              <code>{JSON.stringify(definition.conditions)}</code>
            </dd>
          </div>
        ) : null}
      </dl>
      <h3>{t('playbooks.steps')}</h3>
      <ol className="playbook-steps">
        {definition.steps.map((step) => (
          <li key={step.id}>
            <code>{step.id}</code> {stepSentence(t, format, step)}
          </li>
        ))}
      </ol>
      {canEdit ? null : (
        <details>
          <summary>{t('playbooks.json')}</summary>
          <pre className="playbook-json">{JSON.stringify(definition, null, 2)}</pre>
        </details>
      )}
    </section>
  );
}

function PlaybookEnrollmentList({ playbookId }: { playbookId: string }) {
  const t = useT();
  const enrollments = useQuery({
    queryKey: ['enrollments', 'playbook', playbookId],
    queryFn: () =>
      api<{ enrollments: TEnrollment[] }>(`/v1/playbooks/${encodeURIComponent(playbookId)}/enrollments`),
  });
  return (
    <section className="card" aria-labelledby="enrollments-title">
      <h2 id="enrollments-title">{t('playbooks.enrollments')}</h2>
      <QueryState query={enrollments}>
        {(data) => (
          <PlaybookEnrollments
            enrollments={data.enrollments}
            show="account"
            label={t('playbooks.enrollments')}
          />
        )}
      </QueryState>
    </section>
  );
}
