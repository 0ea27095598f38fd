import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { PlaybookEditor } from '../components/playbook-editor.tsx';
import { PlaybookTemplates } from '../components/playbook-templates.tsx';
import { triggerSummary } from '../components/playbook-text.tsx';
import { PlaybookView } from '../components/playbook-view.tsx';
import { QueryState } from '../components/query-state.tsx';
import { useT } from '../i18n.ts';
import { Link, useLocation } from '../router.tsx';
import { isRoleAtLeast, useSession } from '../session.ts';
import type { TPlaybook } from '../types.ts';

/**
 * Playbooks are the team's automation: everyone reads them and their dry runs; writing them is a manager's
 * change (src/http/permissions.ts), so other roles see no edit controls.
 */
export function PlaybooksPage() {
  const t = useT();
  const me = useSession();
  const { search } = useLocation();
  const selected = search.get('playbook') ?? undefined;
  const canEdit = isRoleAtLeast(me.role, 'manager');
  return (
    <>
      <h1>{t('playbooks.title')}</h1>
      {canEdit ? null : <p className="muted">{t('playbooks.managerOnly')}</p>}
      <PlaybookList selected={selected} />
      {selected ? (
        <PlaybookView
          key={selected}
          playbookId={selected}
          canEdit={canEdit}
          canDryRun={isRoleAtLeast(me.role, 'csm')}
        />
      ) : null}
      <PlaybookTemplates canEdit={canEdit} />
      {canEdit ? (
        <section className="card" aria-labelledby="playbook-create">
          {/* Most playbooks start from a template: writing one from scratch stays folded away. */}
          <details>
            <summary>
              <h2 id="playbook-create" className="inline-heading">
                {t('playbooks.create')}
              </h2>
            </summary>
            <PlaybookEditor />
          </details>
        </section>
      ) : null}
    </>
  );
}

function PlaybookList({ selected }: { selected: string | undefined }) {
  const t = useT();
  const playbooks = useQuery({
    queryKey: ['playbooks'],
    queryFn: () => api<{ playbooks: TPlaybook[] }>('/v1/playbooks'),
  });
  return (
    <section className="card" aria-labelledby="playbooks-list">
      <h2 id="playbooks-list">{t('playbooks.list')}</h2>
      <QueryState query={playbooks}>
        {(data) =>
          data.playbooks.length === 0 ? (
            <p>{t('playbooks.empty')}</p>
          ) : (
            <table aria-label={t('playbooks.list')}>
              <thead>
                <tr>
                  <th scope="col">{t('playbooks.name')}</th>
                  <th scope="col">{t('playbooks.trigger')}</th>
                  <th scope="col">{t('playbooks.state')}</th>
                </tr>
              </thead>
              <tbody>
                {data.playbooks.map((p) => (
                  <tr key={p.id} aria-selected={p.id === selected ? true : undefined}>
                    <th scope="row">
                      <Link
                        href={`/playbooks?playbook=${encodeURIComponent(p.id)}`}
                        aria-current={p.id === selected ? 'true' : undefined}
                      >
                        {p.name}
                      </Link>
                      {p.description ? <div className="muted">{p.description}</div> : null}
                    </th>
                    <td>{triggerSummary(t, p.definition.trigger)}</td>
                    <td>
                      <span className={p.is_enabled ? 'state-on' : 'state-off'}>
                        {p.is_enabled ? t('playbooks.enabled') : t('playbooks.disabled')}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}
