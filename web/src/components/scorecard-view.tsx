import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { useMeasureCatalog } from '../queries.ts';
import type { TScorecard, TScoringRule } from '../types.ts';
import { healthLabels } from './health-labels.ts';
import { useMetricLabel } from './scorecard-fields.tsx';

/** A scorecard as read by those who may not edit it (viewers and CSMs): its measures, rules and bands. */
export function ScorecardView({ scorecard }: { scorecard: TScorecard }) {
  const t = useT();
  const format = useFormat();
  const catalog = useMeasureCatalog();
  const metricLabel = useMetricLabel(catalog.data?.measures ?? []);
  const { definition } = scorecard;
  const labels = healthLabels(t);
  const groupLabel = (key: string | undefined) =>
    labels.group(key, definition.groups?.find((g) => g.key === key)?.label);
  const rule = (r: TScoringRule) => {
    if (r.type === 'thresholds') {
      return r.thresholds
        .map((range) =>
          t('scorecards.ruleRange', {
            from: format.number(range.min ?? null),
            to: format.number(range.max ?? null),
            score: format.number(range.score ?? null),
          }),
        )
        .join('; ');
    }
    const line = t('scorecards.ruleLine', { worst: format.number(r.worst), best: format.number(r.best) });
    return r.type === 'linear'
      ? line
      : `${line} ${t('scorecards.ruleBounds', { floor: format.number(r.floor ?? 0), ceiling: format.number(r.ceiling ?? 100) })}`;
  };
  return (
    <>
      <p>
        {t('scorecards.bandsAre', {
          red: format.number(definition.bands?.red_below ?? 40),
          green: format.number(definition.bands?.green_from ?? 70),
        })}
      </p>
      <div className="table-scroll">
        <table aria-label={t('scorecards.measures')}>
          <thead>
            <tr>
              <th scope="col">{t('scorecards.measure')}</th>
              <th scope="col">{t('scorecards.metric')}</th>
              <th scope="col">{t('scorecards.group')}</th>
              <th scope="col" className="num">
                {t('scorecards.weight')}
              </th>
              <th scope="col">{t('scorecards.rule')}</th>
            </tr>
          </thead>
          <tbody>
            {definition.measures.map((m) => (
              <tr key={m.key}>
                <th scope="row">{labels.measure(m)}</th>
                <td>{metricLabel(m.metric)}</td>
                <td>{groupLabel(m.group)}</td>
                <td className="num">{format.number(m.weight)}</td>
                <td>{rule(m.rule)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
