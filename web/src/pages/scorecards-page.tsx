import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { healthLabels } from '../components/health-labels.ts';
import { QueryState } from '../components/query-state.tsx';
import { ScorecardEditor } from '../components/scorecard-editor.tsx';
import { ScorecardList } from '../components/scorecard-list.tsx';
import { ScorecardView } from '../components/scorecard-view.tsx';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { useScorecard, useScorecards } from '../queries.ts';
import { Link, useLocation } from '../router.tsx';
import { isRoleAtLeast, useSession } from '../session.ts';
import type { TSegment } from '../types.ts';

const NEW = 'new';

/**
 * The Scorecards tab of the Health page (issue 5): the list, and one scorecard in the editor with its
 * live preview (managers and admins) or read-only (viewers and CSMs, whose writes the API refuses).
 */
export function ScorecardsPage() {
  const t = useT();
  const format = useFormat();
  const me = useSession();
  const canEdit = isRoleAtLeast(me.role, 'manager');
  const { search } = useLocation();
  const selected = search.get('scorecard') ?? undefined;
  const scorecards = useScorecards();
  const segments = useQuery({
    queryKey: ['segments'],
    queryFn: () => api<{ segments: TSegment[] }>('/v1/segments'),
  });
  const scorecard = useScorecard(selected && selected !== NEW ? selected : undefined);
  const template = scorecards.data?.scorecards.find((s) => s.is_default)?.definition;
  return (
    <>
      <section className="card" aria-labelledby="scorecards-list">
        <div className="card-head">
          <h2 id="scorecards-list">{t('scorecards.title')}</h2>
          {canEdit ? (
            <Link className="button" href={`/health?view=scorecards&scorecard=${NEW}`}>
              {t('scorecards.new')}
            </Link>
          ) : null}
        </div>
        <p className="muted">{canEdit ? t('scorecards.intro') : t('scorecards.readOnly')}</p>
        <QueryState query={scorecards}>
          {(data) => (
            <ScorecardList
              scorecards={data.scorecards}
              segments={segments.data?.segments}
              selected={selected}
              canEdit={canEdit}
            />
          )}
        </QueryState>
      </section>
      {selected === NEW && canEdit && template ? (
        <section className="card" aria-labelledby="scorecard-edit">
          <h2 id="scorecard-edit">{t('scorecards.new')}</h2>
          <p className="muted">{t('scorecards.newHint')}</p>
          <ScorecardEditor template={template} />
        </section>
      ) : null}
      {selected && selected !== NEW ? (
        <QueryState query={scorecard}>
          {(data) => (
            <section className="card" aria-labelledby="scorecard-edit">
              <h2 id="scorecard-edit">
                {t('scorecards.heading', {
                  name: healthLabels(t).scorecard(data.name),
                  version: format.number(data.version),
                })}
              </h2>
              {canEdit ? (
                // Keyed by id only: a saved version keeps the draft (it is what was saved) and the "saved" message.
                <ScorecardEditor key={data.id} scorecard={data} template={data.definition} />
              ) : (
                <ScorecardView scorecard={data} />
              )}
            </section>
          )}
        </QueryState>
      ) : null}
    </>
  );
}
