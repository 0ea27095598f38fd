import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useLocale, useT } from '../i18n.ts';
import type { TBand } from '../types.ts';
import { BandBadge } from './band-badge.tsx';
import { Kpi } from './kpi.tsx';

const HORIZON_DAYS = 90;

type TBucket = { observations: number; churned: number; churn_rate: number | null };
type TBacktest = {
  horizon_days: number;
  from: string | null;
  to: string | null;
  snapshots: number;
  observations: number;
  churned: number;
  auc: number | null;
  bands: ({ band: TBand } & TBucket)[];
  calibration: ({ from: number; to: number } & TBucket)[];
};

/**
 * How well the default scorecard predicted churn (GET /v1/health/backtest). It replays every past
 * month-end and can take seconds, so it runs only when asked, never on page load.
 */
export function HealthBacktest() {
  const t = useT();
  const format = useFormat();
  const locale = useLocale();
  const backtest = useMutation({
    mutationFn: () => api<TBacktest>('/v1/health/backtest', { query: { horizon: HORIZON_DAYS } }),
  });
  // Three decimals: AUCs of 0.71 and 0.74 are different scorecards, which format.number would round alike.
  const auc = (value: number | null) =>
    value === null ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(value);
  const result = backtest.data;
  return (
    <section className="card" aria-labelledby="health-backtest">
      <h2 id="health-backtest">{t('health.backtest')}</h2>
      <p className="muted">{t('health.backtestIntro', { days: format.number(HORIZON_DAYS) })}</p>
      <button type="button" disabled={backtest.isPending} onClick={() => backtest.mutate()}>
        {t('health.backtestRun')}
      </button>
      {backtest.isPending ? <p role="status">{t('health.backtestRunning')}</p> : null}
      {backtest.isError ? (
        <p className="error">{t('common.error', { message: backtest.error.message })}</p>
      ) : null}
      {result && !backtest.isPending ? (
        result.snapshots === 0 ? (
          <p>{t('health.noSnapshots')}</p>
        ) : (
          <>
            <p className="muted">
              {t('health.period', { from: format.date(result.from!), to: format.date(result.to!) })}
            </p>
            <div className="kpis">
              <Kpi
                label={t('health.auc')}
                value={auc(result.auc)}
                hint={t('health.aucHint')}
                testId="backtest-auc"
              />
              <Kpi label={t('health.snapshots')} value={format.number(result.snapshots)} />
              <Kpi label={t('health.observations')} value={format.number(result.observations)} />
              <Kpi
                label={t('health.churnRate')}
                value={format.percent(result.observations > 0 ? result.churned / result.observations : null)}
              />
            </div>
            <div className="health-backtest-tables">
              <BucketTable
                label={t('health.churnByBand')}
                head={t('health.band')}
                rows={result.bands.map((b) => ({
                  key: b.band,
                  cell: <BandBadge band={b.band} />,
                  bucket: b,
                }))}
              />
              <BucketTable
                label={t('health.calibration')}
                head={t('health.scoreRange')}
                rows={result.calibration.map((c) => ({
                  key: String(c.from),
                  cell: `${format.number(c.from)}–${format.number(c.to)}`,
                  bucket: c,
                }))}
              />
            </div>
          </>
        )
      ) : null}
    </section>
  );
}

function BucketTable({
  label,
  head,
  rows,
}: {
  label: string;
  head: string;
  rows: { key: string; cell: ReactNode; bucket: TBucket }[];
}) {
  const t = useT();
  const format = useFormat();
  return (
    <div>
      <h3>{label}</h3>
      <table aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col" className="num">
              {t('health.observations')}
            </th>
            <th scope="col" className="num">
              {t('health.churned')}
            </th>
            <th scope="col" className="num">
              {t('health.churnRate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.cell}</th>
              <td className="num">{format.number(row.bucket.observations)}</td>
              <td className="num">{format.number(row.bucket.churned)}</td>
              <td className="num">{format.percent(row.bucket.churn_rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
