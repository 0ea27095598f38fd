import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../api.ts';
import { BandBadge } from '../components/band-badge.tsx';
import { QueryState } from '../components/query-state.tsx';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { isRoleAtLeast, useSession } from '../session.ts';
import type { TAccount, TAccountHealth } from '../types.ts';

/** One account: who owns it, its health score and band, and the table that explains the score. */
export function AccountPage({ accountId }: { accountId: string }) {
  const t = useT();
  const format = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  const path = encodeURIComponent(accountId);
  const account = useQuery({
    queryKey: ['account', accountId],
    queryFn: () => api<TAccount>(`/v1/accounts/${path}`),
  });
  const health = useQuery({
    queryKey: ['account-health', accountId],
    queryFn: async () => {
      try {
        return await api<TAccountHealth>(`/v1/health/accounts/${path}`);
      } catch (error) {
        // Accounts nobody manages (no subscription, no trial, no usage) are not scored.
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
  const recompute = useMutation({
    mutationFn: () => api('/v1/health/recompute', { method: 'POST', body: { account_ids: [accountId] } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['account-health', accountId] }),
  });
  // Recomputing writes scores: a manager's change (src/http/permissions.ts); others do not see the control.
  const canRecompute = isRoleAtLeast(me.role, 'manager');

  return (
    <QueryState query={account}>
      {(a) => (
        <>
          <h1>{a.name}</h1>
          <dl className="facts">
            <div>
              <dt>{t('account.owner')}</dt>
              <dd>{a.owner_email ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('account.stage')}</dt>
              <dd>{a.lifecycle_stage ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('account.since')}</dt>
              <dd>{format.date(a.created_at)}</dd>
            </div>
          </dl>
          <section className="card" aria-labelledby="health-title">
            <div className="card-head">
              <h2 id="health-title">{t('account.health')}</h2>
              {canRecompute ? (
                <button type="button" onClick={() => recompute.mutate()} disabled={recompute.isPending}>
                  {t('account.recompute')}
                </button>
              ) : null}
            </div>
            {recompute.isSuccess ? <p role="status">{t('account.recomputed')}</p> : null}
            {recompute.isError ? <p className="error">{recompute.error.message}</p> : null}
            <QueryState query={health}>
              {(h) => (h ? <HealthExplanation health={h} /> : <p>{t('account.noHealth')}</p>)}
            </QueryState>
          </section>
        </>
      )}
    </QueryState>
  );
}

function HealthExplanation({ health }: { health: TAccountHealth }) {
  const t = useT();
  const format = useFormat();
  return (
    <>
      <p className="score-line">
        <span className="score" data-testid="health-score">
          {format.number(health.score)}
        </span>
        <BandBadge band={health.band} />
        <span className="muted">
          {t('account.scoreOf', {
            score: format.number(health.score),
            scorecard: health.scorecard.name,
            version: health.scorecard.version,
            date: format.date(health.date),
          })}
        </span>
      </p>
      {health.note ? <p className="muted">{health.note}</p> : null}
      <table aria-label={t('account.explanation')}>
        <caption>{t('account.explanation')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.measure')}</th>
            <th scope="col">{t('col.group')}</th>
            <th scope="col" className="num">
              {t('col.value')}
            </th>
            <th scope="col" className="num">
              {t('col.score')}
            </th>
            <th scope="col" className="num">
              {t('col.weight')}
            </th>
            <th scope="col" className="num">
              {t('col.contribution')}
            </th>
          </tr>
        </thead>
        <tbody>
          {health.explanation.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.label}</th>
              <td>{m.group}</td>
              <td className="num">{m.missing ? t('account.missing') : format.number(m.value)}</td>
              <td className="num">{format.number(m.score)}</td>
              <td className="num">{format.number(m.weight)}</td>
              <td className="num">{format.number(m.contribution)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
