import { type TMessageKey, useT } from '../i18n.ts';
import type {
  TMeasureCatalog,
  TScorecardGroup,
  TScorecardMeasure,
  TScoringRule,
  TScoringThreshold,
} from '../types.ts';
import { FieldError, NumberField, type TIssueAt, useMetricLabel } from './scorecard-fields.tsx';

const CUSTOM = '__custom';
const RULE_TYPES = ['linear', 'linear_bounded', 'thresholds'] as const;

/** What a rule of each kind starts with when the user switches to it: a working rule, not an error. */
function ruleOf(type: TScoringRule['type'], from: TScoringRule): TScoringRule {
  const worst = 'worst' in from ? from.worst : 0;
  const best = 'best' in from ? from.best : 1;
  if (type === 'linear') return { type, worst, best };
  if (type === 'linear_bounded') return { type, worst, best, floor: 0, ceiling: 100 };
  return {
    type,
    thresholds: [
      { max: 1, score: 30 },
      { min: 1, score: 100 },
    ],
  };
}

/** One measure of the draft: its metric from the catalog, weight, group and scoring rule. */
export function ScorecardMeasureRow({
  measure,
  index,
  catalog,
  groups,
  issueAt,
  onChange,
  onRemove,
}: {
  measure: TScorecardMeasure;
  index: number;
  catalog: TMeasureCatalog['measures'];
  groups: TScorecardGroup[];
  issueAt: TIssueAt;
  onChange: (measure: TScorecardMeasure) => void;
  onRemove?: () => void;
}) {
  const t = useT();
  const metricLabel = useMetricLabel(catalog);
  const path = `measures.${index}`;
  const isCatalog = catalog.some((m) => m.metric === measure.metric);
  const sources = [...new Set(catalog.map((m) => m.source))];
  const set = (patch: Partial<TScorecardMeasure>) => onChange({ ...measure, ...patch });
  const setRule = (patch: Partial<TScoringRule>) =>
    set({ rule: { ...measure.rule, ...patch } as TScoringRule });
  const name = measure.label || t('scorecards.measureN', { n: index + 1 });
  return (
    <fieldset className="scorecard-measure">
      <legend>{name}</legend>
      <div className="row">
        <label className="grow">
          {t('scorecards.label')}
          <input value={measure.label} onChange={(e) => set({ label: e.target.value })} />
          <FieldError message={issueAt(`${path}.label`)} />
        </label>
        <label>
          {t('scorecards.key')}
          <input
            value={measure.key}
            size={14}
            spellCheck={false}
            onChange={(e) => set({ key: e.target.value })}
          />
          <FieldError message={issueAt(`${path}.key`)} />
        </label>
      </div>
      <div className="row">
        <label className="grow">
          {t('scorecards.metric')}
          <select
            value={isCatalog ? measure.metric : CUSTOM}
            onChange={(e) => set({ metric: e.target.value === CUSTOM ? '' : e.target.value })}
          >
            {sources.map((source) => (
              <optgroup key={source} label={t(`scorecards.source.${source}` as TMessageKey)}>
                {catalog
                  .filter((m) => m.source === source)
                  .map((m) => (
                    <option key={m.metric} value={m.metric}>
                      {metricLabel(m.metric)}
                    </option>
                  ))}
              </optgroup>
            ))}
            <option value={CUSTOM}>{t('scorecards.customMetric')}</option>
          </select>
        </label>
        {isCatalog ? null : (
          <label className="grow">
            {t('scorecards.metricKey')}
            <input
              value={measure.metric}
              spellCheck={false}
              placeholder="event_count:referral_made:365"
              onChange={(e) => set({ metric: e.target.value })}
            />
          </label>
        )}
      </div>
      <FieldError message={issueAt(`${path}.metric`)} />
      <div className="row">
        <NumberField
          label={t('scorecards.weight')}
          value={measure.weight}
          error={issueAt(`${path}.weight`)}
          onChange={(weight) => set({ weight })}
        />
        <label>
          {t('scorecards.group')}
          <select
            value={measure.group ?? ''}
            onChange={(e) => set({ group: e.target.value === '' ? undefined : e.target.value })}
          >
            <option value="">{t('scorecards.noGroup')}</option>
            {groups.map((g) => (
              <option key={g.key} value={g.key}>
                {g.label || g.key}
              </option>
            ))}
          </select>
          <FieldError message={issueAt(`${path}.group`)} />
        </label>
        <label>
          {t('scorecards.rule')}
          <select
            value={measure.rule.type}
            onChange={(e) => set({ rule: ruleOf(e.target.value as TScoringRule['type'], measure.rule) })}
          >
            {RULE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`scorecards.rule.${type}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {measure.rule.type === 'thresholds' ? (
        <Thresholds
          thresholds={measure.rule.thresholds}
          path={`${path}.rule.thresholds`}
          issueAt={issueAt}
          onChange={(thresholds) => setRule({ thresholds })}
        />
      ) : (
        <div className="row">
          <NumberField
            label={t('scorecards.worst')}
            value={measure.rule.worst}
            error={issueAt(`${path}.rule.worst`)}
            onChange={(worst) => setRule({ worst })}
          />
          <NumberField
            label={t('scorecards.best')}
            value={measure.rule.best}
            error={issueAt(`${path}.rule.best`)}
            onChange={(best) => setRule({ best })}
          />
          {measure.rule.type === 'linear_bounded' ? (
            <>
              <NumberField
                label={t('scorecards.floor')}
                value={measure.rule.floor}
                error={issueAt(`${path}.rule.floor`)}
                onChange={(floor) => setRule({ floor })}
              />
              <NumberField
                label={t('scorecards.ceiling')}
                value={measure.rule.ceiling}
                error={issueAt(`${path}.rule.ceiling`)}
                onChange={(ceiling) => setRule({ ceiling })}
              />
            </>
          ) : null}
        </div>
      )}
      <FieldError message={issueAt(`${path}.rule`)} />
      {onRemove ? (
        <button type="button" className="danger align-start" onClick={onRemove}>
          {t('scorecards.removeMeasure', { name })}
        </button>
      ) : null}
    </fieldset>
  );
}

function Thresholds({
  thresholds,
  path,
  issueAt,
  onChange,
}: {
  thresholds: TScoringThreshold[];
  path: string;
  issueAt: TIssueAt;
  onChange: (thresholds: TScoringThreshold[]) => void;
}) {
  const t = useT();
  const put = (i: number, patch: Partial<TScoringThreshold>) =>
    onChange(thresholds.map((range, j) => (j === i ? { ...range, ...patch } : range)));
  return (
    <div className="scorecard-thresholds">
      <p className="muted">{t('scorecards.thresholdsHint')}</p>
      {thresholds.map((range, i) => (
        // Ranges have no identity but their place: the list is edited in place, never reordered.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <fieldset className="scorecard-subset" key={i}>
          <legend className="sr-only">{t('scorecards.rangeN', { n: i + 1 })}</legend>
          <div className="row">
            <NumberField
              label={t('scorecards.from')}
              value={range.min}
              error={issueAt(`${path}.${i}.min`)}
              onChange={(min) => put(i, { min })}
            />
            <NumberField
              label={t('scorecards.to')}
              value={range.max}
              error={issueAt(`${path}.${i}.max`)}
              onChange={(max) => put(i, { max })}
            />
            <NumberField
              label={t('scorecards.points')}
              value={range.score}
              error={issueAt(`${path}.${i}.score`)}
              onChange={(score) => put(i, { score })}
            />
            <button
              type="button"
              disabled={thresholds.length === 1}
              aria-label={t('scorecards.removeRange', { n: i + 1 })}
              onClick={() => onChange(thresholds.filter((_, j) => j !== i))}
            >
              {t('scorecards.remove')}
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" className="align-start" onClick={() => onChange([...thresholds, { score: 50 }])}>
        {t('scorecards.addRange')}
      </button>
    </div>
  );
}
