import { useMemo } from 'react';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { TBand, TPreviewBand, TPreviewMover, TScorecardPreview } from '../types.ts';
import { BandBadge } from './band-badge.tsx';
import { Chart, type TChartOption } from './chart.tsx';
import { healthLabels } from './health-labels.ts';
import { Kpi } from './kpi.tsx';

const BANDS: TBand[] = ['red', 'yellow', 'green'];
const FROM_TO: TPreviewBand[] = ['red', 'yellow', 'green', 'none'];

/** The live preview beside the editor: the draft's bands against today's, who changes band, who moves most. */
export function ScorecardPreview({
  preview,
  isStale,
  isPending,
  isInvalid,
  error,
}: {
  preview: TScorecardPreview | undefined;
  isStale: boolean;
  isPending: boolean;
  isInvalid: boolean;
  error: string | undefined;
}) {
  const t = useT();
  const format = useFormat();
  const labels = healthLabels(t);
  return (
    <section className="card scorecard-preview" aria-labelledby="scorecard-preview" aria-busy={isStale}>
      <h2 id="scorecard-preview">{t('scorecards.preview')}</h2>
      {isInvalid ? <p className="error">{t('scorecards.previewPaused')}</p> : null}
      {error ? <p className="error">{t('common.error', { message: error })}</p> : null}
      {isPending && !isInvalid && !error ? <p role="status">{t('scorecards.previewing')}</p> : null}
      {preview && !isInvalid ? (
        <div className={isStale ? 'is-stale' : undefined}>
          <p className="muted" data-testid="preview-scope">
            {preview.sampled
              ? t('scorecards.sampled', {
                  sample: format.number(preview.sample_size),
                  population: format.number(preview.population),
                })
              : t('scorecards.population', { count: format.number(preview.population) })}{' '}
            {preview.compared_with.kind === 'stored'
              ? t('scorecards.vsStored', { date: format.date(preview.compared_with.date) })
              : t('scorecards.vsScorecard', {
                  name: labels.scorecard(preview.compared_with.name),
                  version: format.number(preview.compared_with.version),
                })}
          </p>
          <div className="kpis">
            <Kpi
              label={t('scorecards.changingBand')}
              value={format.number(preview.band_changes.total)}
              testId="preview-changes"
            />
            <Kpi
              label={t('scorecards.meanScore')}
              value={`${format.number(preview.mean_score.current)} → ${format.number(preview.mean_score.draft)}`}
            />
            <Kpi label={t('scorecards.unscored')} value={format.number(preview.unscored.draft)} />
          </div>
          <BandChart preview={preview} />
          <table aria-label={t('scorecards.distribution')}>
            <thead>
              <tr>
                <th scope="col">{t('health.band')}</th>
                <th scope="col" className="num">
                  {t('scorecards.current')}
                </th>
                <th scope="col" className="num">
                  {t('scorecards.draft')}
                </th>
                <th scope="col" className="num">
                  {t('scorecards.difference')}
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.bands.map((b) => (
                <tr key={b.band}>
                  <th scope="row">
                    <BandBadge band={b.band} />
                  </th>
                  <td className="num" data-testid={`preview-current-${b.band}`}>
                    {format.number(b.current.count)}
                  </td>
                  <td className="num" data-testid={`preview-draft-${b.band}`}>
                    {format.number(b.draft.count)}
                  </td>
                  <td className="num">{signed(format.number(b.draft.count - b.current.count))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ChangeMatrix matrix={preview.band_changes.matrix} />
          <Movers title={t('scorecards.moversUp')} movers={preview.movers.up} />
          <Movers title={t('scorecards.moversDown')} movers={preview.movers.down} />
          <table aria-label={t('scorecards.measureShares')}>
            <thead>
              <tr>
                <th scope="col">{t('scorecards.measure')}</th>
                <th scope="col" className="num">
                  {t('scorecards.nominalShare')}
                </th>
                <th scope="col" className="num">
                  {t('scorecards.effectiveShare')}
                </th>
                <th scope="col" className="num">
                  {t('scorecards.noData')}
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.measures.map((m) => (
                <tr key={m.key}>
                  <th scope="row">{labels.measure(m)}</th>
                  <td className="num">{format.percent(m.nominal_share)}</td>
                  <td className="num">{format.percent(m.effective_share)}</td>
                  <td className="num">{format.number(m.no_data)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

const signed = (text: string) => (text.startsWith('-') || text === '0' ? text : `+${text}`);

function BandChart({ preview }: { preview: TScorecardPreview }) {
  const t = useT();
  const option = useMemo<TChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: BANDS.map((band) => t(`band.${band}`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('scorecards.current'),
          type: 'bar',
          itemStyle: { color: '#9aa3ad' },
          data: preview.bands.map((b) => b.current.count),
        },
        {
          name: t('scorecards.draft'),
          type: 'bar',
          itemStyle: { color: '#1d4ed8' },
          data: preview.bands.map((b) => b.draft.count),
        },
      ],
    }),
    [preview, t],
  );
  return <Chart option={option} label={t('scorecards.distributionChart')} height={220} />;
}

function ChangeMatrix({ matrix }: { matrix: TScorecardPreview['band_changes']['matrix'] }) {
  const t = useT();
  const format = useFormat();
  const name = (band: TPreviewBand) => (band === 'none' ? t('scorecards.noScore') : t(`band.${band}`));
  return (
    <div className="table-scroll">
      <table aria-label={t('scorecards.matrix')} className="scorecard-matrix">
        <caption className="muted">{t('scorecards.matrixHint')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scorecards.fromTo')}</th>
            {FROM_TO.map((to) => (
              <th key={to} scope="col" className="num">
                {name(to)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FROM_TO.map((from) => (
            <tr key={from}>
              <th scope="row">{name(from)}</th>
              {FROM_TO.map((to) => (
                <td
                  key={to}
                  className={from === to ? 'num muted' : matrix[from][to] > 0 ? 'num changed' : 'num'}
                >
                  {format.number(matrix[from][to])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Movers({ title, movers }: { title: string; movers: TPreviewMover[] }) {
  const t = useT();
  const format = useFormat();
  return (
    <>
      <h3>{title}</h3>
      {movers.length === 0 ? (
        <p className="muted">{t('scorecards.noMovers')}</p>
      ) : (
        <div className="table-scroll">
          <table aria-label={title}>
            <thead>
              <tr>
                <th scope="col">{t('col.account')}</th>
                <th scope="col">{t('scorecards.current')}</th>
                <th scope="col">{t('scorecards.draft')}</th>
                <th scope="col" className="num">
                  {t('scorecards.change')}
                </th>
              </tr>
            </thead>
            <tbody>
              {movers.map((m) => (
                <tr key={m.account_id}>
                  <td>
                    <Link href={`/accounts/${encodeURIComponent(m.account_id)}`}>{m.name}</Link>
                  </td>
                  <td>
                    {format.number(m.current_score)} <BandBadge band={m.current_band} />
                  </td>
                  <td>
                    {format.number(m.draft_score)} <BandBadge band={m.draft_band} />
                  </td>
                  <td className="num">{signed(format.number(m.change))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
