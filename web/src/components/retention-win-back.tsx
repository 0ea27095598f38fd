import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { TWinBack } from '../types.ts';
import type { TPeriod } from './dunning-period.tsx';
import { Kpi } from './kpi.tsx';
import { QueryState } from './query-state.tsx';

/** Reactivations in the period and those a win-back playbook enrollment preceded (GET /v1/playbooks/win-back). */
export function RetentionWinBack({ period }: { period: TPeriod }) {
  const t = useT();
  const format = useFormat();
  const winBack = useQuery({
    queryKey: ['win-back', period.from, period.toExclusive],
    queryFn: () =>
      api<TWinBack>('/v1/playbooks/win-back', { query: { from: period.from, to: period.toExclusive } }),
  });
  return (
    <section className="card" aria-labelledby="win-back">
      <h2 id="win-back">{t('retention.winBack')}</h2>
      <QueryState query={winBack}>
        {(w) => (
          <>
            <div className="kpis billing-kpis">
              <Kpi label={t('retention.reactivations')} value={format.number(w.summary.reactivations)} />
              <Kpi
                label={t('retention.attributed')}
                value={format.number(w.summary.attributed)}
                hint={t('retention.windowDays', { days: w.window_days })}
              />
              <Kpi
                label={t('retention.attributedMrr')}
                value={format.money(w.summary.attributed_mrr, w.currency)}
              />
              <Kpi
                label={t('retention.unattributedMrr')}
                value={format.money(w.summary.unattributed_mrr, w.currency)}
              />
            </div>
            {w.attributed.length === 0 ? (
              <p className="muted">{t('retention.noWinBack')}</p>
            ) : (
              <table aria-label={t('retention.winBack')}>
                <thead>
                  <tr>
                    <th scope="col">{t('col.account')}</th>
                    <th scope="col">{t('retention.reactivatedOn')}</th>
                    <th scope="col">{t('retention.playbook')}</th>
                    <th scope="col">{t('retention.enrolledOn')}</th>
                    <th scope="col" className="num">
                      {t('kpi.mrr')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {w.attributed.map((row) => (
                    <tr key={`${row.account_id}-${row.reactivated_on}`}>
                      <th scope="row">
                        <Link href={`/accounts/${encodeURIComponent(row.account_id)}`}>{row.account_id}</Link>
                      </th>
                      <td>{format.date(row.reactivated_on)}</td>
                      <td>{row.playbook_id}</td>
                      <td>{row.enrolled_at ? format.date(row.enrolled_at) : '—'}</td>
                      <td className="num">{format.money(row.mrr, w.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
