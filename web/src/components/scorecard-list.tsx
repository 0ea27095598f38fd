import { useFormat } from '../format.ts';
import { MESSAGES, type TMessageKey, useLocale, useT } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { TScorecard, TSegment } from '../types.ts';
import { healthLabels } from './health-labels.ts';

/** Who a scorecard scores, in words: the default scores everyone no other scorecard claims. */
export function useAppliesTo(segments: TSegment[] | undefined): (scorecard: TScorecard) => string {
  const t = useT();
  const locale = useLocale();
  // A stage classify-accounts.ts computes reads in the user's language; another one as written.
  const stageName = (stage: string) => MESSAGES[locale][`accounts.stage.${stage}` as TMessageKey] ?? stage;
  return (scorecard) => {
    if (scorecard.is_default) return t('scorecards.everyoneElse');
    const target = scorecard.applies_to;
    if (!target) return t('scorecards.nobody');
    const parts: string[] = [];
    if (target.segment_id) {
      const name = segments?.find((s) => s.id === target.segment_id)?.name ?? target.segment_id;
      parts.push(t('scorecards.inSegment', { name }));
    }
    if (target.stage) parts.push(t('scorecards.inStage', { stage: stageName(target.stage) }));
    return parts.join(' · ');
  };
}

export function ScorecardList({
  scorecards,
  segments,
  selected,
  canEdit,
}: {
  scorecards: TScorecard[];
  segments: TSegment[] | undefined;
  selected: string | undefined;
  canEdit: boolean;
}) {
  const t = useT();
  const format = useFormat();
  const appliesTo = useAppliesTo(segments);
  const labels = healthLabels(t);
  return (
    <div className="table-scroll">
      <table aria-label={t('scorecards.list')}>
        <thead>
          <tr>
            <th scope="col">{t('scorecards.name')}</th>
            <th scope="col" className="num">
              {t('scorecards.version')}
            </th>
            <th scope="col">{t('scorecards.appliesTo')}</th>
            <th scope="col">{t('scorecards.savedOn')}</th>
          </tr>
        </thead>
        <tbody>
          {scorecards.map((s) => (
            <tr key={s.id} aria-current={s.id === selected ? 'true' : undefined}>
              <td>
                <Link href={`/health?view=scorecards&scorecard=${encodeURIComponent(s.id)}`}>
                  {canEdit
                    ? t('scorecards.editName', { name: labels.scorecard(s.name) })
                    : labels.scorecard(s.name)}
                </Link>{' '}
                <code className="muted">{s.id}</code>
              </td>
              <td className="num" data-testid={`scorecard-version-${s.id}`}>
                {format.number(s.version)}
              </td>
              <td>{appliesTo(s)}</td>
              <td>{format.date(s.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
