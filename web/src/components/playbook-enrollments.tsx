import { useFormat } from '../format.ts';
import { type TMessageKey, useT } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { TEnrollment } from '../types.ts';

const OUTCOMES = new Set(['done', 'waiting', 'then', 'else', 'completed', 'exited', 'failed']);

function dateTime(format: ReturnType<typeof useFormat>, iso: string): string {
  return `${format.date(iso)} ${iso.slice(11, 16)} UTC`;
}

/** What each step did, in order: the step, its outcome in words, and its detail (a failure's reason). */
function StepLog({ enrollment }: { enrollment: TEnrollment }) {
  const t = useT();
  const format = useFormat();
  return (
    <details>
      <summary>{t('playbooks.log', { count: enrollment.log.length })}</summary>
      <ol className="step-log">
        {enrollment.log.map((entry) => {
          const outcome = OUTCOMES.has(entry.outcome)
            ? t(`playbooks.outcome.${entry.outcome}` as TMessageKey)
            : entry.outcome;
          const detail = Object.entries(entry.detail)
            .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
            .join(' · ');
          return (
            <li key={entry.seq}>
              <time dateTime={entry.at}>{dateTime(format, entry.at)}</time>
              <span>
                <code>{entry.step_id ?? '—'}</code>
                {entry.step_type ? <span className="muted"> ({entry.step_type})</span> : null}
              </span>
              <span className={entry.outcome === 'failed' ? 'outcome-failed' : undefined}>
                <strong>{outcome}</strong>
                {detail ? <span className="muted"> {detail}</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </details>
  );
}

/** Enrollments with their status and step logs: of one playbook (by account) or of one account (by playbook). */
export function PlaybookEnrollments({
  enrollments,
  show,
  label,
}: {
  enrollments: TEnrollment[];
  show: 'account' | 'playbook';
  label: string;
}) {
  const t = useT();
  const format = useFormat();
  if (enrollments.length === 0) return <p>{t('playbooks.noEnrollments')}</p>;
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{show === 'account' ? t('col.account') : t('playbooks.name')}</th>
          <th scope="col">{t('playbooks.state')}</th>
          <th scope="col">{t('playbooks.enrolledAt')}</th>
          <th scope="col">{t('playbooks.nextStep')}</th>
          <th scope="col">{t('playbooks.steps')}</th>
        </tr>
      </thead>
      <tbody>
        {enrollments.map((e) => (
          <tr key={e.id}>
            <th scope="row">
              {show === 'account' ? (
                <Link href={`/accounts/${encodeURIComponent(e.account_id)}`}>{e.account_id}</Link>
              ) : (
                <Link href={`/playbooks?playbook=${encodeURIComponent(e.playbook_id)}`}>
                  {e.playbook_name}
                </Link>
              )}
            </th>
            <td>
              <span className={`enrollment-status status-${e.status}`}>
                {t(`playbooks.enrollmentStatus.${e.status}` as TMessageKey)}
              </span>
              {e.exit_reason ? <div className="muted">{e.exit_reason}</div> : null}
              {e.finished_at ? (
                <div className="muted">
                  {t('playbooks.finished')}: {dateTime(format, e.finished_at)}
                </div>
              ) : null}
            </td>
            <td>{dateTime(format, e.enrolled_at)}</td>
            <td>
              {e.next_step_id ? <code>{e.next_step_id}</code> : '—'}
              {e.resume_at ? <div className="muted">{dateTime(format, e.resume_at)}</div> : null}
            </td>
            <td>
              <StepLog enrollment={e} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
