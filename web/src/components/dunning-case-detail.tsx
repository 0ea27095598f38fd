import { useQuery } from '@tanstack/react-query';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { Link, navigate } from '../router.tsx';
import { fetchDunningCase, withParam } from './dunning-cases.tsx';
import { nextStepLabel, statusLabel, tierLabel } from './dunning-labels.ts';
import { QueryState } from './query-state.tsx';

/** One case: what failed, where it stands, the policy it runs on and every attempt so far. */
export function DunningCaseDetail({ caseId }: { caseId: string }) {
  const t = useT();
  const format = useFormat();
  const detail = useQuery({ queryKey: ['dunning-case', caseId], queryFn: () => fetchDunningCase(caseId) });
  const when = (iso: string | null) => (iso ? format.date(iso) : '—');
  return (
    <section className="card" aria-labelledby="dunning-case">
      <div className="card-head">
        <h2 id="dunning-case">{t('dunning.caseTitle', { invoice: detail.data?.invoice_id ?? caseId })}</h2>
        <button type="button" onClick={() => navigate(withParam('case', undefined), { replace: true })}>
          {t('common.close')}
        </button>
      </div>
      <QueryState query={detail}>
        {(c) => {
          return (
            <>
              <dl className="facts">
                <div>
                  <dt>{t('col.account')}</dt>
                  <dd>
                    <Link href={`/accounts/${encodeURIComponent(c.account_id)}`}>{c.account_id}</Link>
                  </dd>
                </div>
                <div>
                  <dt>{t('dunning.status')}</dt>
                  <dd data-testid="case-status">{statusLabel(t, c.status)}</dd>
                </div>
                <div>
                  <dt>{t('col.amount')}</dt>
                  <dd>{format.money(c.amount, c.currency)}</dd>
                </div>
                <div>
                  <dt>{t('dunning.declineCode')}</dt>
                  <dd>
                    {declineCodes(c.first_failure_code, c.last_failure_code) ?? t('dunning.noCode')} (
                    {t(`dunning.${c.decline_kind}`)})
                  </dd>
                </div>
                <div>
                  <dt>{t('col.tier')}</dt>
                  <dd>{tierLabel(t, c.tier)}</dd>
                </div>
                <div>
                  <dt>{t('dunning.opened')}</dt>
                  <dd>{when(c.opened_at)}</dd>
                </div>
                <div>
                  <dt>{t('dunning.nextStep')}</dt>
                  <dd>{nextStepLabel(t, format, c)}</dd>
                </div>
                {c.recovered_at ? (
                  <div>
                    <dt>{t('dunning.recoveredOn')}</dt>
                    <dd>{when(c.recovered_at)}</dd>
                  </div>
                ) : null}
                {c.final_action_taken ? (
                  <div>
                    <dt>{t('dunning.finalAction')}</dt>
                    <dd>{t(`dunning.final.${c.final_action_taken as 'cancel'}`)}</dd>
                  </div>
                ) : null}
              </dl>
              <p className="muted">
                {t('dunning.policyLine', {
                  name: c.policy.name,
                  days: c.policy.retry_days.join(', '),
                  grace: c.policy.grace_days,
                })}
              </p>
              <h3>{t('dunning.attempts')}</h3>
              {c.attempts.length === 0 ? (
                <p className="muted">{t('dunning.noAttempts')}</p>
              ) : (
                <table aria-label={t('dunning.attempts')}>
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        {t('dunning.attempt')}
                      </th>
                      <th scope="col">{t('dunning.scheduled')}</th>
                      <th scope="col">{t('dunning.attempted')}</th>
                      <th scope="col">{t('dunning.provider')}</th>
                      <th scope="col">{t('dunning.outcome')}</th>
                      <th scope="col">{t('dunning.declineCode')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.attempts.map((a) => (
                      <tr key={a.attempt_no}>
                        <th scope="row" className="num">
                          {format.number(a.attempt_no)}
                        </th>
                        <td>{when(a.scheduled_at)}</td>
                        <td>{when(a.attempted_at)}</td>
                        <td>{a.provider ?? '—'}</td>
                        <td className={a.outcome === 'failed' ? 'outcome-failed' : undefined}>
                          {t(`dunning.outcome.${a.outcome}`)}
                        </td>
                        <td>{a.failure_code ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

/** The first decline code, and the last one when a later attempt was declined differently. */
function declineCodes(first: string | null, last: string | null): string | null {
  if (first === null || last === null || first === last) return first ?? last;
  return `${first} → ${last}`;
}
