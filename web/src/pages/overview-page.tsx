import { BandBadge } from '../components/band-badge.tsx';
import { HealthTable } from '../components/health-table.tsx';
import { Kpi } from '../components/kpi.tsx';
import { MovementsChart } from '../components/movements-chart.tsx';
import { QueryState } from '../components/query-state.tsx';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { useCsMetrics, useMrr, usePortfolio, useRevenue } from '../queries.ts';
import { Link, navigate } from '../router.tsx';
import type { TBand, TRevenuePeriod } from '../types.ts';

const BANDS: TBand[] = ['red', 'yellow', 'green'];

/** The last month that has ended: this month's rates are still moving. */
function lastFullMonth(periods: TRevenuePeriod[]): TRevenuePeriod | undefined {
  return periods.length > 1 ? periods[periods.length - 2] : periods[0];
}

export function OverviewPage() {
  const t = useT();
  const format = useFormat();
  const mrr = useMrr();
  const revenue = useRevenue(mrr.data?.date);
  const cs = useCsMetrics(mrr.data?.date);
  const health = usePortfolio({ limit: 8 });

  return (
    <>
      <h1>{t('overview.title')}</h1>
      <QueryState query={mrr}>
        {(today) => (
          <section className="kpis" aria-label={t('overview.kpis')}>
            <Kpi
              label={t('kpi.mrr')}
              value={format.money(today.mrr, today.currency)}
              hint={t('kpi.customers', {
                count: format.number(today.customers),
                date: format.date(today.date),
              })}
              testId="kpi-mrr"
            />
            <Kpi label={t('kpi.arr')} value={format.money(today.arr, today.currency)} testId="kpi-arr" />
            {revenue.data ? (
              <RevenueKpis
                periods={revenue.data.periods}
                trailing={revenue.data.trailing_12_months}
                currency={today.currency}
              />
            ) : null}
            {cs.data ? <NpsKpi periods={cs.data.periods} /> : null}
          </section>
        )}
      </QueryState>
      <div className="grid-2">
        <section className="card" aria-labelledby="movements-title">
          <h2 id="movements-title">{t('overview.movements')}</h2>
          <QueryState query={revenue}>
            {(data) => (
              <MovementsChart
                periods={data.periods}
                currency={data.currency}
                onSelect={(period, type) => navigate(`/revenue?month=${period}&type=${type}`)}
              />
            )}
          </QueryState>
        </section>
        <section className="card" aria-labelledby="health-title">
          <h2 id="health-title">{t('overview.health')}</h2>
          <QueryState query={health}>
            {(portfolio) => (
              <ul className="distribution">
                {BANDS.map((band) => {
                  const count = portfolio.distribution[band] ?? 0;
                  const share = portfolio.total ? count / portfolio.total : 0;
                  return (
                    <li key={band}>
                      <Link href={`/health?band=${band}`}>
                        <BandBadge band={band} />
                      </Link>
                      <span className="bar" aria-hidden="true">
                        <span className={`fill band-${band}`} style={{ width: `${share * 100}%` }} />
                      </span>
                      <span className="num">
                        {format.number(count)} · {format.percent(share)}
                      </span>
                    </li>
                  );
                })}
              </ul>
            )}
          </QueryState>
        </section>
      </div>
      <section className="card" aria-labelledby="attention-title">
        <h2 id="attention-title">{t('overview.attention')}</h2>
        <p className="muted">{t('overview.attentionHint')}</p>
        <QueryState query={health}>{(portfolio) => <HealthTable rows={portfolio.accounts} />}</QueryState>
      </section>
    </>
  );
}

function RevenueKpis({
  periods,
  trailing,
  currency,
}: {
  periods: TRevenuePeriod[];
  trailing: { grr: number | null; nrr: number | null };
  currency: string;
}) {
  const t = useT();
  const format = useFormat();
  const month = lastFullMonth(periods);
  const hint = month ? t('kpi.in', { period: format.month(month.period) }) : undefined;
  return (
    <>
      <Kpi label={t('kpi.nrr')} value={format.percent(trailing.nrr)} testId="kpi-nrr" />
      <Kpi label={t('kpi.grr')} value={format.percent(trailing.grr)} testId="kpi-grr" />
      <Kpi label={t('kpi.churn')} value={format.percent(month?.customer_churn_rate)} hint={hint} />
      <Kpi label={t('kpi.arpa')} value={format.money(month?.arpa, currency)} hint={hint} />
      <Kpi label={t('kpi.ltv')} value={format.money(month?.ltv, currency)} hint={hint} />
    </>
  );
}

function NpsKpi({ periods }: { periods: { period: string; nps: number | null }[] }) {
  const t = useT();
  const format = useFormat();
  const latest = [...periods].reverse().find((p) => p.nps !== null);
  return (
    <Kpi
      label={t('kpi.nps')}
      value={format.number(latest?.nps)}
      hint={latest ? t('kpi.in', { period: format.month(latest.period) }) : undefined}
    />
  );
}
