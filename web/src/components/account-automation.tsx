import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useT } from '../i18n.ts';
import { isRoleAtLeast, useSession } from '../session.ts';
import type { TEnrollment, TTaskPage } from '../types.ts';
import { PlaybookEnrollments } from './playbook-enrollments.tsx';
import { QueryState } from './query-state.tsx';
import { TaskCreate } from './task-create.tsx';
import { TaskTable } from './task-table.tsx';

/** Account 360's automation: the account's open tasks (a CSM adds one here) and its playbook enrollments. */
export function AccountAutomation({ accountId }: { accountId: string }) {
  const t = useT();
  const me = useSession();
  const path = encodeURIComponent(accountId);
  const canEdit = isRoleAtLeast(me.role, 'csm');
  const tasks = useQuery({
    queryKey: ['tasks', 'account', accountId],
    queryFn: () =>
      api<TTaskPage>(`/v1/accounts/${path}/tasks`, { query: { status: 'open,in_progress', limit: 100 } }),
  });
  const enrollments = useQuery({
    queryKey: ['enrollments', 'account', accountId],
    queryFn: () => api<{ enrollments: TEnrollment[] }>(`/v1/accounts/${path}/enrollments`),
  });
  return (
    <section className="card" aria-labelledby="automation-title">
      <h2 id="automation-title">{t('automation.title')}</h2>
      <h3 id="automation-tasks">{t('automation.openTasks')}</h3>
      <QueryState query={tasks}>
        {(data) => (
          <TaskTable
            tasks={data.tasks}
            canEdit={canEdit}
            label={t('automation.openTasks')}
            showAccount={false}
            showOwner
          />
        )}
      </QueryState>
      {canEdit ? (
        <>
          <h3>{t('tasks.create')}</h3>
          <TaskCreate accountId={accountId} />
        </>
      ) : null}
      <h3 id="automation-enrollments">{t('automation.enrollments')}</h3>
      <QueryState query={enrollments}>
        {(data) => (
          <PlaybookEnrollments
            enrollments={data.enrollments}
            show="playbook"
            label={t('automation.enrollments')}
          />
        )}
      </QueryState>
    </section>
  );
}
