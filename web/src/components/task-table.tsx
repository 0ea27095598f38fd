import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { type TMessageKey, useT } from '../i18n.ts';
import { useWorkspaceToday } from '../queries.ts';
import { Link } from '../router.tsx';
import type { TTask } from '../types.ts';

const isOpen = (task: TTask) => task.status === 'open' || task.status === 'in_progress';

/** Overdue is said in words and marked with a sign, not by colour alone. */
function DueCell({ task, today }: { task: TTask; today: string | undefined }) {
  const t = useT();
  const format = useFormat();
  if (!task.due_on) return <span className="muted">{t('tasks.noDue')}</span>;
  const date = format.date(task.due_on);
  if (isOpen(task) && today && task.due_on < today) {
    return (
      <span className="task-overdue">
        <span aria-hidden="true">⚠ </span>
        <strong>{t('tasks.overdue')}</strong> · {date}
      </span>
    );
  }
  if (isOpen(task) && task.due_on === today) {
    return (
      <span className="task-due-today">
        <strong>{t('tasks.dueToday')}</strong> · {date}
      </span>
    );
  }
  return <span>{date}</span>;
}

function SourceCell({ task }: { task: TTask }) {
  const t = useT();
  const label = t(`tasks.source.${task.source}` as TMessageKey);
  if (task.source === 'playbook' && task.source_playbook_id) {
    return (
      <Link href={`/playbooks?playbook=${encodeURIComponent(task.source_playbook_id)}`}>
        {label}: {task.source_playbook_id}
      </Link>
    );
  }
  return <span>{label}</span>;
}

/**
 * Tasks with their account, due date, priority and source; a CSM and above marks them done or reopens
 * them (the API refuses a viewer, who is not shown the buttons).
 */
export function TaskTable({
  tasks,
  canEdit,
  label,
  showAccount = true,
  showOwner = false,
}: {
  tasks: TTask[];
  canEdit: boolean;
  label: string;
  showAccount?: boolean;
  showOwner?: boolean;
}) {
  const t = useT();
  const today = useWorkspaceToday();
  const queryClient = useQueryClient();
  const setStatus = useMutation({
    mutationFn: ({ id, status }: { id: string; status: 'done' | 'open' }) =>
      api<TTask>(`/v1/tasks/${encodeURIComponent(id)}`, { method: 'PATCH', body: { status } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tasks'] }),
  });
  if (tasks.length === 0) return <p>{t('tasks.empty')}</p>;
  return (
    <>
      {setStatus.isError ? <p className="error">{setStatus.error.message}</p> : null}
      <table aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{t('tasks.col.task')}</th>
            {showAccount ? <th scope="col">{t('col.account')}</th> : null}
            {showOwner ? <th scope="col">{t('tasks.col.owner')}</th> : null}
            <th scope="col">{t('tasks.col.due')}</th>
            <th scope="col">{t('tasks.col.priority')}</th>
            <th scope="col">{t('tasks.col.status')}</th>
            <th scope="col">{t('tasks.col.source')}</th>
            {canEdit ? <th scope="col">{t('common.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.id}>
              <th scope="row">
                {task.title}
                {task.description ? <div className="muted">{task.description}</div> : null}
              </th>
              {showAccount ? (
                <td>
                  <Link href={`/accounts/${encodeURIComponent(task.account_id)}`}>{task.account_id}</Link>
                </td>
              ) : null}
              {showOwner ? <td>{task.owner_email ?? t('tasks.unassigned')}</td> : null}
              <td>
                <DueCell task={task} today={today} />
              </td>
              <td>
                <span className={`task-priority priority-${task.priority}`}>
                  {t(`tasks.priority.${task.priority}` as TMessageKey)}
                </span>
              </td>
              <td>{t(`tasks.status.${task.status}` as TMessageKey)}</td>
              <td>
                <SourceCell task={task} />
              </td>
              {canEdit ? (
                <td>
                  {isOpen(task) ? (
                    <button
                      type="button"
                      disabled={setStatus.isPending}
                      aria-label={t('tasks.markDoneNamed', { title: task.title })}
                      onClick={() => setStatus.mutate({ id: task.id, status: 'done' })}
                    >
                      {t('tasks.markDone')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      disabled={setStatus.isPending}
                      aria-label={t('tasks.reopenNamed', { title: task.title })}
                      onClick={() => setStatus.mutate({ id: task.id, status: 'open' })}
                    >
                      {t('tasks.reopen')}
                    </button>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
