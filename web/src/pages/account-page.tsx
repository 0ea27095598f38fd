import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../api.ts';
import { AccountAutomation } from '../components/account-automation.tsx';
import { AccountBilling } from '../components/account-billing.tsx';
import { HealthHistoryChart, UsageChart } from '../components/account-charts.tsx';
import { AccountFeedback } from '../components/account-feedback.tsx';
import { AccountNotes } from '../components/account-notes.tsx';
import { AccountTimeline } from '../components/account-timeline.tsx';
import { BandBadge } from '../components/band-badge.tsx';
import { healthLabels } from '../components/health-labels.ts';
import { QueryState } from '../components/query-state.tsx';
import { useFormat } from '../format.ts';
import { codeText, useT } from '../i18n.ts';
import { useScorecard } from '../queries.ts';
import { isRoleAtLeast, useSession } from '../session.ts';
import type {
  TAccount,
  TAccountBilling,
  TAccountFeedback,
  TAccountHealth,
  TAccountSummary,
  TDailyUsage,
} from '../types.ts';

/** How far back the usage chart looks: a quarter shows a trend without hiding last week. */
const USAGE_DAYS = 90;

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Account 360: who owns the account, its tier, stage, MRR and renewal, its health score explained and its
 * history, the team's notes, usage, invoices and payments, tickets and survey answers, and one timeline of
 * all of it.
 */
export function AccountPage({ accountId }: { accountId: string }) {
  const t = useT();
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
  const summary = useQuery({
    queryKey: ['account-summary', accountId],
    queryFn: () => api<TAccountSummary>(`/v1/accounts/${path}/summary`),
  });
  const today = summary.data?.date;
  const usage = useQuery({
    queryKey: ['account-usage', accountId, today],
    enabled: today !== undefined,
    queryFn: () =>
      api<TDailyUsage>(`/v1/accounts/${path}/usage/daily`, {
        query: { from: daysBefore(today!, USAGE_DAYS - 1), to: today },
      }),
  });
  const billing = useQuery({
    queryKey: ['account-billing', accountId],
    queryFn: () => api<TAccountBilling>(`/v1/accounts/${path}/billing`),
  });
  const feedback = useQuery({
    queryKey: ['account-feedback', accountId],
    queryFn: () => api<TAccountFeedback>(`/v1/accounts/${path}/feedback`),
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
          <AccountFacts account={a} summary={summary.data} />
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
          <AccountNotes accountId={accountId} />
          <div className="grid-2">
            <section className="card" aria-labelledby="history-title">
              <h2 id="history-title">{t('account360.healthHistory')}</h2>
              <QueryState query={health}>
                {(h) =>
                  h && h.trend.length > 0 ? <HealthHistoryChart trend={h.trend} /> : <p>{t('common.none')}</p>
                }
              </QueryState>
            </section>
            <section className="card" aria-labelledby="usage-title">
              <h2 id="usage-title">{t('account360.usageDays', { days: USAGE_DAYS })}</h2>
              <QueryState query={usage}>{(u) => <UsageChart usage={u} />}</QueryState>
            </section>
          </div>
          <section className="card" aria-labelledby="billing-title">
            <h2 id="billing-title">{t('account360.billing')}</h2>
            <QueryState query={billing}>{(b) => <AccountBilling billing={b} />}</QueryState>
          </section>
          <section className="card" aria-labelledby="voice-title">
            <h2 id="voice-title">{t('account360.voice')}</h2>
            <QueryState query={feedback}>{(f) => <AccountFeedback feedback={f} />}</QueryState>
          </section>
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('account360.timeline')}</h2>
            <AccountTimeline accountId={accountId} />
          </section>
          <AccountAutomation accountId={accountId} />
        </>
      )}
    </QueryState>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Owner and dates from the account record; tier, stage, MRR and renewal from its summary when loaded. */
function AccountFacts({ account, summary }: { account: TAccount; summary: TAccountSummary | undefined }) {
  const t = useT();
  const format = useFormat();
  const stage = summary?.stage ?? account.lifecycle_stage;
  return (
    <dl className="facts" data-testid="account-facts">
      <Fact label={t('account.owner')}>{account.owner_email ?? '—'}</Fact>
      <Fact label={t('col.tier')}>{codeText(t, 'tier', summary?.tier)}</Fact>
      <Fact label={t('account.stage')}>{codeText(t, 'accounts.stage', stage)}</Fact>
      <Fact label={t('kpi.mrr')}>{summary ? format.money(summary.mrr, summary.currency) : '—'}</Fact>
      <Fact label={t('account360.renewal')}>
        {summary?.renewal_date ? format.date(summary.renewal_date) : '—'}
      </Fact>
      <Fact label={t('account360.customerSince')}>
        {summary?.customer_since ? format.date(summary.customer_since) : '—'}
      </Fact>
      <Fact label={t('account.since')}>{account.created_at ? format.date(account.created_at) : '—'}</Fact>
    </dl>
  );
}

function HealthExplanation({ health }: { health: TAccountHealth }) {
  const t = useT();
  const format = useFormat();
  const labels = healthLabels(t);
  // Group labels live in the scorecard; until it loads (or for a key it lacks) the key stands in.
  const scorecard = useScorecard(health.scorecard.id);
  const groupLabel = (key: string | null) =>
    scorecard.data?.definition.groups?.find((g) => g.key === key)?.label;
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
            scorecard: labels.scorecard(health.scorecard.name),
            version: health.scorecard.version,
            date: format.date(health.date),
          })}
        </span>
      </p>
      {health.missing.length > 0 ? (
        <p className="muted">
          {t('health.missingNote', {
            count: format.number(health.missing.length),
            total: format.number(health.explanation.length),
            measures: health.explanation
              .filter((m) => health.missing.includes(m.id))
              .map((m) => labels.measure({ key: m.id, metric: m.metric, label: m.label }))
              .join(', '),
          })}
        </p>
      ) : null}
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
              <th scope="row">{labels.measure({ key: m.id, metric: m.metric, label: m.label })}</th>
              <td>{labels.group(m.group, groupLabel(m.group))}</td>
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
