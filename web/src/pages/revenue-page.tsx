import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api.ts';
import { Chart } from '../components/chart.tsx';
import { MovementsChart } from '../components/movements-chart.tsx';
import { QueryState } from '../components/query-state.tsx';
import { RevenueCohorts } from '../components/revenue-cohorts.tsx';
import { RevenueRenewals } from '../components/revenue-renewals.tsx';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { monthBounds } from '../months.ts';
import { useMrr, useRevenue } from '../queries.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import type { TMovement, TMovementLine, TMovementType, TRevenuePeriod } from '../types.ts';

const TYPES: TMovementType[] = ['new', 'expansion', 'reactivation', 'contraction', 'churn'];

/** The drill-down lives in the URL (`?month=2024-03&type=churn&account=…&date=…`), so it can be shared. */
function drillUrl(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  return `/revenue?${search.toString()}`;
}

export function RevenuePage() {
  const t = useT();
  const { search } = useLocation();
  const month = search.get('month') ?? undefined;
  const type = (search.get('type') ?? undefined) as TMovementType | undefined;
  const mrr = useMrr();
  const revenue = useRevenue(mrr.data?.date);

  return (
    <>
      <h1>{t('revenue.title')}</h1>
      <QueryState query={revenue}>
        {(data) => (
          <>
            <div className="grid-2">
              <section className="card" aria-labelledby="mrr-title">
                <h2 id="mrr-title">{t('revenue.mrrOverTime')}</h2>
                <MrrChart periods={data.periods} currency={data.currency} />
              </section>
              <section className="card" aria-labelledby="moves-title">
                <h2 id="moves-title">{t('overview.movements')}</h2>
                <MovementsChart
                  periods={data.periods}
                  currency={data.currency}
                  onSelect={(period, kind) => navigate(drillUrl({ month: period, type: kind }))}
                />
              </section>
            </div>
            <section className="card">
              <table aria-label={t('overview.movements')}>
                <thead>
                  <tr>
                    <th scope="col">{t('revenue.month')}</th>
                    {TYPES.map((kind) => (
                      <th scope="col" key={kind} className="num">
                        {t(`move.${kind}`)}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      {t('revenue.mrrEnd')}
                    </th>
                    <th scope="col" className="num">
                      {t('kpi.churn')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...data.periods].reverse().map((period) => (
                    <PeriodRow
                      key={period.period}
                      period={period}
                      currency={data.currency}
                      month={month}
                      type={type}
                    />
                  ))}
                </tbody>
              </table>
            </section>
            {month && type ? <MovementList month={month} type={type} /> : null}
          </>
        )}
      </QueryState>
      <RevenueCohorts />
      <RevenueRenewals />
    </>
  );
}

function PeriodRow({
  period,
  currency,
  month,
  type,
}: {
  period: TRevenuePeriod;
  currency: string;
  month: string | undefined;
  type: TMovementType | undefined;
}) {
  const t = useT();
  const format = useFormat();
  return (
    <tr>
      <th scope="row">{format.month(period.period)}</th>
      {TYPES.map((kind) => (
        <td key={kind} className="num">
          {period[kind] === 0 ? (
            format.money(0, currency)
          ) : (
            <Link
              href={drillUrl({ month: period.period, type: kind })}
              aria-label={t('revenue.showMovements', {
                type: t(`move.${kind}`),
                period: format.month(period.period),
              })}
              aria-current={month === period.period && type === kind ? 'true' : undefined}
            >
              {format.money(period[kind], currency)}
            </Link>
          )}
        </td>
      ))}
      <td className="num">{format.money(period.mrr_end, currency)}</td>
      <td className="num">{format.percent(period.customer_churn_rate)}</td>
    </tr>
  );
}

function MrrChart({ periods, currency }: { periods: TRevenuePeriod[]; currency: string }) {
  const t = useT();
  const format = useFormat();
  const option = useMemo(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => format.money(value, currency) },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: periods.map((p) => format.month(p.period)) },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (value: number) => format.moneyCompact(value, currency) },
      },
      series: [
        {
          name: t('kpi.mrr'),
          type: 'line',
          areaStyle: { opacity: 0.12 },
          itemStyle: { color: '#1d4ed8' },
          data: periods.map((p) => p.mrr_end),
        },
      ],
    }),
    [periods, currency, format, t],
  );
  return <Chart option={option} label={t('revenue.mrrOverTime')} />;
}

function MovementList({ month, type }: { month: string; type: TMovementType }) {
  const t = useT();
  const format = useFormat();
  const { search } = useLocation();
  const account = search.get('account') ?? undefined;
  const date = search.get('date') ?? undefined;
  const movements = useQuery({
    queryKey: ['movements', month, type],
    queryFn: () =>
      api<{ currency: string; movements: TMovement[] }>('/v1/metrics/movements', {
        query: { ...monthBounds(month), type },
      }),
  });
  const title = t('revenue.movementsOf', { type: t(`move.${type}`), period: format.month(month) });
  return (
    <section className="card" aria-labelledby="movement-list-title">
      <h2 id="movement-list-title">{title}</h2>
      <QueryState query={movements}>
        {(data) =>
          data.movements.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <table aria-label={title}>
              <thead>
                <tr>
                  <th scope="col">{t('col.date')}</th>
                  <th scope="col">{t('col.account')}</th>
                  <th scope="col" className="num">
                    {t('col.amount')}
                  </th>
                  <th scope="col" className="num">
                    {t('col.before')}
                  </th>
                  <th scope="col" className="num">
                    {t('col.after')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.movements.map((m) => (
                  <tr
                    key={`${m.account_id}/${m.date}`}
                    aria-selected={m.account_id === account && m.date === date}
                  >
                    <td>
                      <Link href={drillUrl({ month, type, account: m.account_id, date: m.date })}>
                        {format.date(m.date)}
                      </Link>
                    </td>
                    <td>
                      <Link href={`/accounts/${encodeURIComponent(m.account_id)}`}>
                        {m.account_name ?? m.account_id}
                      </Link>
                    </td>
                    <td className="num">{format.money(m.amount, data.currency)}</td>
                    <td className="num">{format.money(m.mrr_before, data.currency)}</td>
                    <td className="num">{format.money(m.mrr_after, data.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      {account && date ? <MovementLines accountId={account} date={date} /> : null}
    </section>
  );
}

function MovementLines({ accountId, date }: { accountId: string; date: string }) {
  const t = useT();
  const format = useFormat();
  const lines = useQuery({
    queryKey: ['movement-lines', accountId, date],
    queryFn: () =>
      api<{ currency: string; movement: TMovement; lines: TMovementLine[] }>(
        `/v1/metrics/movements/${encodeURIComponent(accountId)}/${date}/lines`,
      ),
  });
  return (
    <QueryState query={lines}>
      {(data) => {
        const title = t('revenue.linesOf', {
          account: data.movement.account_name ?? accountId,
          date: format.date(date),
        });
        return (
          <div className="drill">
            <h3>{title}</h3>
            <table aria-label={title}>
              <thead>
                <tr>
                  <th scope="col">{t('col.invoice')}</th>
                  <th scope="col">{t('col.plan')}</th>
                  <th scope="col">{t('col.service')}</th>
                  <th scope="col" className="num">
                    {t('col.amount')}
                  </th>
                  <th scope="col" className="num">
                    {t('col.lineMrr')}
                  </th>
                  <th scope="col">{t('col.effect')}</th>
                </tr>
              </thead>
              <tbody>
                {data.lines.map((line) => (
                  <tr key={line.id}>
                    <td>
                      {line.invoice_id} <span className="muted">/ {line.id}</span>
                    </td>
                    <td>{line.plan_id ?? '—'}</td>
                    <td>
                      {format.date(line.service_start)} – {format.date(line.service_end)}
                    </td>
                    <td className="num" data-testid="line-amount">
                      {format.money(line.amount, line.currency)}
                    </td>
                    <td className="num">{format.money(line.mrr, data.currency)}</td>
                    <td>{line.effect}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      }}
    </QueryState>
  );
}
