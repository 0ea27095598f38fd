import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.ts';
import { Pager } from '../components/pager.tsx';
import { QueryState } from '../components/query-state.tsx';
import { TaskCreate } from '../components/task-create.tsx';
import { TaskTable } from '../components/task-table.tsx';
import { useFormat } from '../format.ts';
import { type TMessageKey, useT } from '../i18n.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { isRoleAtLeast, useSession } from '../session.ts';
import type { TTaskPage, TTaskQueues } from '../types.ts';

const OPEN_WORK = 'open,in_progress';
const STATUS_FILTERS: { value: string; label: TMessageKey }[] = [
  { value: OPEN_WORK, label: 'tasks.statusOpenWork' },
  { value: 'open', label: 'tasks.status.open' },
  { value: 'in_progress', label: 'tasks.status.in_progress' },
  { value: 'done', label: 'tasks.status.done' },
  { value: 'cancelled', label: 'tasks.status.cancelled' },
  { value: 'all', label: 'tasks.statusAll' },
];

type TTaskFilters = { view: 'mine' | 'team'; owner?: string; status: string; overdue: boolean };

/** Tasks per page of a queue. */
const PAGE = 50;

function tasksUrl(filters: TTaskFilters): string {
  const params = new URLSearchParams();
  if (filters.view === 'team') params.set('view', 'team');
  if (filters.owner) params.set('owner', filters.owner);
  if (filters.status !== OPEN_WORK) params.set('status', filters.status);
  if (filters.overdue) params.set('overdue', 'true');
  const text = params.toString();
  return text ? `/tasks?${text}` : '/tasks';
}

/**
 * The CSM's day: their own queue, and the team's open work by owner. Changing tasks is a CSM's work
 * (the API's default write role); a viewer reads only.
 */
export function TasksPage() {
  const t = useT();
  const me = useSession();
  const { search } = useLocation();
  const filters: TTaskFilters = {
    view: search.get('view') === 'team' ? 'team' : 'mine',
    owner: search.get('owner') ?? undefined,
    status: search.get('status') ?? OPEN_WORK,
    overdue: search.get('overdue') === 'true',
  };
  const canEdit = isRoleAtLeast(me.role, 'csm');
  return (
    <>
      <h1>{t('tasks.title')}</h1>
      <nav className="tabs" aria-label={t('tasks.views')}>
        <Link href="/tasks" aria-current={filters.view === 'mine' ? 'page' : undefined}>
          {t('tasks.mine')}
        </Link>
        <Link href="/tasks?view=team" aria-current={filters.view === 'team' ? 'page' : undefined}>
          {t('tasks.team')}
        </Link>
      </nav>
      {filters.view === 'team' ? <TaskQueues selected={filters.owner} /> : null}
      {filters.view === 'mine' || filters.owner ? (
        // Keyed by the filters: another list starts on its first page.
        <TaskList
          key={`${filters.view}|${filters.owner}|${filters.status}|${filters.overdue}`}
          filters={filters}
          canEdit={canEdit}
        />
      ) : null}
      {canEdit ? (
        <section className="card" aria-labelledby="task-create">
          <h2 id="task-create">{t('tasks.create')}</h2>
          <TaskCreate />
        </section>
      ) : (
        <p className="muted">{t('tasks.readOnly')}</p>
      )}
    </>
  );
}

function ownerLabel(t: ReturnType<typeof useT>, owner: string | null): string {
  return owner ?? t('tasks.unassigned');
}

function TaskQueues({ selected }: { selected: string | undefined }) {
  const t = useT();
  const format = useFormat();
  const queues = useQuery({
    queryKey: ['tasks', 'queues'],
    queryFn: () => api<TTaskQueues>('/v1/tasks/queues'),
  });
  return (
    <section className="card" aria-labelledby="task-queues">
      <h2 id="task-queues">{t('tasks.queues')}</h2>
      <QueryState query={queues}>
        {(data) =>
          data.queues.length === 0 ? (
            <p>{t('tasks.empty')}</p>
          ) : (
            <>
              <table aria-label={t('tasks.queues')}>
                <thead>
                  <tr>
                    <th scope="col">{t('tasks.col.owner')}</th>
                    <th scope="col" className="num">
                      {t('tasks.queueOpen')}
                    </th>
                    <th scope="col" className="num">
                      {t('tasks.queueOverdue')}
                    </th>
                    <th scope="col" className="num">
                      {t('tasks.queueDueToday')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.queues.map((queue) => {
                    const owner = queue.owner_email ?? 'unassigned';
                    return (
                      <tr key={owner} aria-selected={owner === selected ? true : undefined}>
                        <th scope="row">
                          <Link
                            href={tasksUrl({ view: 'team', owner, status: OPEN_WORK, overdue: false })}
                            aria-current={owner === selected ? 'true' : undefined}
                          >
                            {ownerLabel(t, queue.owner_email)}
                          </Link>
                        </th>
                        <td className="num">{format.number(queue.open)}</td>
                        <td className={queue.overdue > 0 ? 'num task-overdue' : 'num'}>
                          {format.number(queue.overdue)}
                        </td>
                        <td className="num">{format.number(queue.due_today)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <p className="muted">{t('tasks.queuesDate', { date: format.date(data.date) })}</p>
            </>
          )
        }
      </QueryState>
    </section>
  );
}

function TaskList({ filters, canEdit }: { filters: TTaskFilters; canEdit: boolean }) {
  const t = useT();
  const format = useFormat();
  const owner = filters.view === 'mine' ? 'me' : filters.owner;
  const [offset, setOffset] = useState(0);
  const tasks = useQuery({
    queryKey: ['tasks', 'list', owner, filters.status, filters.overdue, offset],
    queryFn: () =>
      api<TTaskPage>('/v1/tasks', {
        query: {
          owner,
          status: filters.status === 'all' ? undefined : filters.status,
          overdue: filters.overdue ? 'true' : undefined,
          limit: PAGE,
          offset,
        },
      }),
    placeholderData: keepPreviousData,
  });
  const title =
    filters.view === 'mine'
      ? t('tasks.mine')
      : t('tasks.ofOwner', { owner: filters.owner === 'unassigned' ? t('tasks.unassigned') : owner! });
  return (
    <section className="card" aria-labelledby="task-list">
      <div className="card-head">
        <h2 id="task-list">{title}</h2>
        {tasks.data ? (
          <span className="muted">{t('tasks.total', { count: format.number(tasks.data.total) })}</span>
        ) : null}
      </div>
      <div className="toolbar">
        <label>
          {t('tasks.status')}
          <select
            value={filters.status}
            onChange={(event) =>
              navigate(tasksUrl({ ...filters, status: event.target.value }), { replace: true })
            }
          >
            {STATUS_FILTERS.map((s) => (
              <option key={s.value} value={s.value}>
                {t(s.label)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={filters.overdue}
            onChange={(event) =>
              navigate(tasksUrl({ ...filters, overdue: event.target.checked }), { replace: true })
            }
          />
          {t('tasks.onlyOverdue')}
        </label>
      </div>
      <QueryState query={tasks}>
        {(data) => (
          <>
            <TaskTable
              tasks={data.tasks}
              canEdit={canEdit}
              label={title}
              showOwner={filters.view === 'team'}
            />
            {data.total > PAGE ? (
              <Pager offset={offset} pageSize={PAGE} total={data.total} onChange={setOffset} />
            ) : null}
          </>
        )}
      </QueryState>
    </section>
  );
}
