import { useState } from 'react';
import { NpsCsatChart, OverlapChart } from '../components/feedback-charts.tsx';
import { Kpi } from '../components/kpi.tsx';
import { QueryState } from '../components/query-state.tsx';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { useCsTrend, useFeedbackThemes, useMrr } from '../queries.ts';
import type { TCsPeriod, TFeedbackTheme, TFeedbackThemes } from '../types.ts';

const RANGES = [30, 90, 365] as const;

/** The latest month with answers: the current month may have none yet. */
function latestWith(periods: TCsPeriod[], key: 'nps_responses' | 'csat_responses'): TCsPeriod | undefined {
  return [...periods].reverse().find((p) => p[key] > 0);
}

/** What customers say: NPS and CSAT per month, the themes of their words, and what to fix first. */
export function FeedbackPage() {
  const t = useT();
  const format = useFormat();
  const [days, setDays] = useState<number>(90);
  const today = useMrr().data?.date;
  const trend = useCsTrend(today);
  const themes = useFeedbackThemes(today, days);

  return (
    <>
      <h1>{t('feedback.title')}</h1>
      <QueryState query={trend}>
        {(data) => {
          const nps = latestWith(data.periods, 'nps_responses');
          const csat = latestWith(data.periods, 'csat_responses');
          return (
            <>
              <section className="kpis" aria-label={t('feedback.latest')}>
                <Kpi
                  label={t('kpi.nps')}
                  value={format.number(nps?.nps)}
                  hint={
                    nps
                      ? t('feedback.responsesIn', {
                          count: format.number(nps.nps_responses),
                          period: format.month(nps.period),
                        })
                      : undefined
                  }
                  testId="kpi-feedback-nps"
                />
                <Kpi
                  label={t('feedback.csat')}
                  value={format.percent(csat?.csat)}
                  hint={
                    csat
                      ? t('feedback.responsesIn', {
                          count: format.number(csat.csat_responses),
                          period: format.month(csat.period),
                        })
                      : undefined
                  }
                />
              </section>
              <section className="card" aria-labelledby="trend-title">
                <h2 id="trend-title">{t('feedback.trend')}</h2>
                <NpsCsatChart periods={data.periods} />
                <TrendTable periods={data.periods} />
              </section>
            </>
          );
        }}
      </QueryState>
      <div className="toolbar">
        <label>
          {t('feedback.range')}
          <select value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {RANGES.map((n) => (
              <option key={n} value={n}>
                {t('feedback.lastDays', { days: n })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState query={themes}>{(data) => <Themes data={data} />}</QueryState>
    </>
  );
}

function TrendTable({ periods }: { periods: TCsPeriod[] }) {
  const t = useT();
  const format = useFormat();
  return (
    <details>
      <summary>{t('feedback.byMonth')}</summary>
      <table aria-label={t('feedback.byMonth')}>
        <thead>
          <tr>
            <th scope="col">{t('revenue.month')}</th>
            <th scope="col" className="num">
              {t('kpi.nps')}
            </th>
            <th scope="col" className="num">
              {t('feedback.promoters')}
            </th>
            <th scope="col" className="num">
              {t('feedback.passives')}
            </th>
            <th scope="col" className="num">
              {t('feedback.detractors')}
            </th>
            <th scope="col" className="num">
              {t('feedback.csat')}
            </th>
            <th scope="col" className="num">
              {t('feedback.csatResponses')}
            </th>
          </tr>
        </thead>
        <tbody>
          {[...periods].reverse().map((p) => (
            <tr key={p.period}>
              <th scope="row">{format.month(p.period)}</th>
              <td className="num">{format.number(p.nps)}</td>
              <td className="num">{format.number(p.promoters)}</td>
              <td className="num">{format.number(p.passives)}</td>
              <td className="num">{format.number(p.detractors)}</td>
              <td className="num">{format.percent(p.csat)}</td>
              <td className="num">{format.number(p.csat_responses)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Promoter, passive and detractor shares of the theme's NPS answers as one bar, and in words. */
function Mix({ theme }: { theme: TFeedbackTheme }) {
  const t = useT();
  const format = useFormat();
  if (theme.nps_responses === 0) return <span className="muted">—</span>;
  const parts = [
    ['promoter', theme.promoter_share, t('feedback.promoters')],
    ['passive', theme.passive_share, t('feedback.passives')],
    ['detractor', theme.detractor_share, t('feedback.detractors')],
  ] as const;
  const words = parts.map(([, share, label]) => `${label} ${format.percent(share)}`).join(' · ');
  return (
    <div className="mix" title={words}>
      <div className="mix-bar" aria-hidden="true">
        {parts.map(([key, share]) => (
          <span key={key} className={`mix-${key}`} style={{ width: `${(share ?? 0) * 100}%` }} />
        ))}
      </div>
      <span className="mix-words">{words}</span>
    </div>
  );
}

function Themes({ data }: { data: TFeedbackThemes }) {
  const t = useT();
  const format = useFormat();
  const overlap = data.themes.filter((theme) => theme.passives > 0 && theme.detractors > 0);
  return (
    <>
      <section className="card" aria-labelledby="themes-title">
        <h2 id="themes-title">{t('feedback.themes')}</h2>
        <p className="muted">
          {t('feedback.themesOf', {
            texts: format.number(data.texts),
            themed: format.number(data.themed),
            from: format.date(data.from),
            to: format.date(data.to),
          })}
        </p>
        {data.themes.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <table aria-label={t('feedback.themes')}>
            <thead>
              <tr>
                <th scope="col">{t('feedback.theme')}</th>
                <th scope="col" className="num">
                  {t('feedback.count')}
                </th>
                <th scope="col" className="num">
                  {t('feedback.share')}
                </th>
                <th scope="col" className="num">
                  {t('feedback.accounts')}
                </th>
                <th scope="col">{t('feedback.mix')}</th>
                <th scope="col">{t('feedback.languages')}</th>
                <th scope="col" className="num">
                  {t('kpi.mrr')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.themes.map((theme) => (
                <tr key={theme.theme}>
                  <th scope="row">
                    {theme.theme}
                    <div className="muted">{theme.keywords.slice(0, 4).join(', ')}</div>
                  </th>
                  <td className="num">{format.number(theme.count)}</td>
                  <td className="num">{format.percent(theme.share)}</td>
                  <td className="num">{format.number(theme.accounts)}</td>
                  <td>
                    <Mix theme={theme} />
                  </td>
                  <td>
                    EN {format.number(theme.languages.en)} · ES {format.number(theme.languages.es)}
                  </td>
                  <td className="num">{format.money(theme.mrr, data.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="fix-title">
          <h2 id="fix-title">{t('feedback.fixFirst')}</h2>
          <p className="muted">{t('feedback.fixFirstHint')}</p>
          {data.fix_first.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <table aria-label={t('feedback.fixFirst')}>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('feedback.theme')}</th>
                  <th scope="col" className="num">
                    {t('feedback.detractors')}
                  </th>
                  <th scope="col" className="num">
                    {t('feedback.passives')}
                  </th>
                  <th scope="col" className="num">
                    {t('kpi.mrr')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.fix_first.map((item, index) => (
                  <tr key={item.theme}>
                    <td>{format.number(index + 1)}</td>
                    <th scope="row">{item.theme}</th>
                    <td className="num">{format.number(item.detractors)}</td>
                    <td className="num">{format.number(item.passives)}</td>
                    <td className="num">{format.money(item.mrr, data.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" aria-labelledby="overlap-title">
          <h2 id="overlap-title">{t('feedback.overlap')}</h2>
          <p className="muted">{t('feedback.overlapHint')}</p>
          {overlap.length === 0 ? <p>{t('common.none')}</p> : <OverlapChart themes={overlap} />}
        </section>
      </div>
    </>
  );
}
