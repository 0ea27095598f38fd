import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { useMeasureCatalog, useScorecardPreview } from '../queries.ts';
import { navigate } from '../router.tsx';
import type { TAppliesTo, TScorecard, TScorecardDefinition, TScorecardGroup, TSegment } from '../types.ts';
import { FieldError, issuesOf, NumberField, type TIssueAt, useDebounced } from './scorecard-fields.tsx';
import { ScorecardJson } from './scorecard-json.tsx';
import { ScorecardMeasureRow } from './scorecard-measure-row.tsx';
import { ScorecardPreview } from './scorecard-preview.tsx';

const PREVIEW_DELAY_MS = 400;
// The stages classify-accounts.ts computes (src/modules/lifecycle).
const STAGES = ['prospect', 'trial', 'onboarding', 'adoption', 'renewal_due', 'at_risk', 'churned'] as const;

/**
 * Edits a scorecard (a new version on save) or, without one, creates a scorecard starting from `template`.
 * Every change is previewed against the portfolio after a pause in typing; the API's validation problems
 * show beside their fields.
 */
export function ScorecardEditor({
  scorecard,
  template,
}: {
  scorecard?: TScorecard;
  template: TScorecardDefinition;
}) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const catalog = useMeasureCatalog();
  const segments = useQuery({
    queryKey: ['segments'],
    queryFn: () => api<{ segments: TSegment[] }>('/v1/segments'),
  });
  const [id, setId] = useState('');
  const [definition, setDefinition] = useState<TScorecardDefinition>(() =>
    structuredClone(scorecard?.definition ?? { ...template, name: '' }),
  );
  const [appliesTo, setAppliesTo] = useState<TAppliesTo>(scorecard?.applies_to ?? {});
  const [confirming, setConfirming] = useState(false);
  const isDefault = scorecard?.is_default ?? false;
  const body = useMemo(() => {
    const target = Object.fromEntries(Object.entries(appliesTo).filter(([, v]) => v));
    return {
      ...definition,
      ...(!isDefault && Object.keys(target).length > 0 ? { applies_to: target } : {}),
    };
  }, [definition, appliesTo, isDefault]);
  const debounced = useDebounced(body, PREVIEW_DELAY_MS);
  const preview = useScorecardPreview(debounced, true);
  const isStale = debounced !== body || preview.isFetching;

  const save = useMutation({
    mutationFn: () =>
      scorecard
        ? api<TScorecard>(`/v1/health/scorecards/${encodeURIComponent(scorecard.id)}`, {
            method: 'PUT',
            body,
          })
        : api<TScorecard>('/v1/health/scorecards', { method: 'POST', body: { id, ...body } }),
    onSuccess: (saved) => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: ['scorecards'] });
      void queryClient.invalidateQueries({ queryKey: ['scorecard', saved.id] });
      if (!scorecard) navigate(`/health?view=scorecards&scorecard=${encodeURIComponent(saved.id)}`);
    },
    onError: () => setConfirming(false),
  });
  const rescore = useMutation({
    mutationFn: () => api<{ scored: number }>('/v1/health/recompute', { method: 'POST', body: {} }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['scorecard-preview'] }),
  });

  const apiIssues = (error: unknown) =>
    error instanceof ApiError && error.status === 400 ? issuesOf(error.message) : [];
  const issues = [...apiIssues(preview.error), ...(save.isError ? apiIssues(save.error) : [])];
  const issueAt: TIssueAt = (path) =>
    issues
      .filter((i) => i.path === path)
      .map((i) => i.message)
      .join('; ') || undefined;
  const fieldPaths = (path: string) => path === 'id' || /^(name|bands|groups|measures|applies_to)/.test(path);
  const set = (patch: Partial<TScorecardDefinition>) => setDefinition({ ...definition, ...patch });
  const groups = definition.groups ?? [];
  const setGroup = (i: number, patch: Partial<TScorecardGroup>) =>
    set({ groups: groups.map((g, j) => (j === i ? { ...g, ...patch } : g)) });
  const removeGroup = (i: number) => {
    const key = groups[i]!.key;
    setDefinition({
      ...definition,
      groups: groups.filter((_, j) => j !== i),
      measures: definition.measures.map((m) => (m.group === key ? { ...m, group: undefined } : m)),
    });
  };
  const nextVersion = (scorecard?.version ?? 0) + 1;

  return (
    <div className="scorecard-workspace">
      <form
        className="scorecard-form"
        aria-label={t('scorecards.editor')}
        onSubmit={(e) => {
          e.preventDefault();
          setConfirming(true);
        }}
      >
        <div className="row">
          {scorecard ? null : (
            <label>
              {t('scorecards.id')}
              <input
                required
                value={id}
                spellCheck={false}
                pattern="[a-z0-9][a-z0-9_\-]{0,63}"
                onChange={(e) => setId(e.target.value)}
              />
              <FieldError message={issueAt('id')} />
            </label>
          )}
          <label className="grow">
            {t('scorecards.name')}
            <input required value={definition.name} onChange={(e) => set({ name: e.target.value })} />
            <FieldError message={issueAt('name')} />
          </label>
        </div>
        {isDefault ? (
          <p className="muted">{t('scorecards.defaultHint')}</p>
        ) : (
          <fieldset>
            <legend>{t('scorecards.appliesTo')}</legend>
            <div className="row">
              <label>
                {t('scorecards.segment')}
                <select
                  value={appliesTo.segment_id ?? ''}
                  onChange={(e) => setAppliesTo({ ...appliesTo, segment_id: e.target.value || undefined })}
                >
                  <option value="">{t('scorecards.anySegment')}</option>
                  {(segments.data?.segments ?? []).map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('scorecards.stage')}
                <select
                  value={appliesTo.stage ?? ''}
                  onChange={(e) => setAppliesTo({ ...appliesTo, stage: e.target.value || undefined })}
                >
                  <option value="">{t('scorecards.anyStage')}</option>
                  {STAGES.map((stage) => (
                    <option key={stage} value={stage}>
                      {t(`accounts.stage.${stage}`)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <p className="muted">{t('scorecards.appliesToHint')}</p>
          </fieldset>
        )}
        <fieldset>
          <legend>{t('scorecards.bands')}</legend>
          <div className="row">
            <NumberField
              label={t('scorecards.redBelow')}
              value={definition.bands?.red_below ?? 40}
              error={issueAt('bands.red_below')}
              onChange={(red_below) => set({ bands: { ...definition.bands, red_below } })}
            />
            <NumberField
              label={t('scorecards.greenFrom')}
              value={definition.bands?.green_from ?? 70}
              error={issueAt('bands.green_from')}
              onChange={(green_from) => set({ bands: { ...definition.bands, green_from } })}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('scorecards.groups')}</legend>
          <p className="muted">{t('scorecards.groupsHint')}</p>
          {groups.map((group, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a group's key is what the user is editing
            <fieldset className="scorecard-subset" key={i}>
              <legend className="sr-only">{group.label || group.key}</legend>
              <div className="row">
                <label>
                  {t('scorecards.key')}
                  <input
                    value={group.key}
                    size={12}
                    spellCheck={false}
                    onChange={(e) => setGroup(i, { key: e.target.value })}
                  />
                  <FieldError message={issueAt(`groups.${i}.key`)} />
                </label>
                <label className="grow">
                  {t('scorecards.label')}
                  <input value={group.label} onChange={(e) => setGroup(i, { label: e.target.value })} />
                </label>
                <NumberField
                  label={t('scorecards.weight')}
                  value={group.weight}
                  error={issueAt(`groups.${i}.weight`)}
                  onChange={(weight) => setGroup(i, { weight })}
                />
                <button
                  type="button"
                  aria-label={t('scorecards.removeGroup', { name: group.label || group.key })}
                  onClick={() => removeGroup(i)}
                >
                  {t('scorecards.remove')}
                </button>
              </div>
            </fieldset>
          ))}
          <button
            type="button"
            className="align-start"
            onClick={() =>
              set({ groups: [...groups, { key: `group_${groups.length + 1}`, label: '', weight: 10 }] })
            }
          >
            {t('scorecards.addGroup')}
          </button>
        </fieldset>
        <h3>{t('scorecards.measures')}</h3>
        {definition.measures.map((measure, i) => (
          <ScorecardMeasureRow
            // biome-ignore lint/suspicious/noArrayIndexKey: a measure's key is what the user is editing
            key={i}
            index={i}
            measure={measure}
            catalog={catalog.data?.measures ?? []}
            groups={groups}
            issueAt={issueAt}
            onChange={(next) => set({ measures: definition.measures.map((m, j) => (j === i ? next : m)) })}
            onRemove={
              definition.measures.length > 1
                ? () => set({ measures: definition.measures.filter((_, j) => j !== i) })
                : undefined
            }
          />
        ))}
        <button
          type="button"
          className="align-start"
          onClick={() =>
            set({
              measures: [
                ...definition.measures,
                {
                  key: `measure_${definition.measures.length + 1}`,
                  label: '',
                  metric: 'active_users_30d',
                  weight: 1,
                  rule: { type: 'linear', worst: 0, best: 10 },
                },
              ],
            })
          }
        >
          {t('scorecards.addMeasure')}
        </button>
        <ScorecardJson definition={definition} onApply={setDefinition} />
        {issues.some((i) => !fieldPaths(i.path)) ? (
          <div className="error" role="alert">
            {issues
              .filter((i) => !fieldPaths(i.path))
              .map((i) => (
                <p key={i.message}>{i.message}</p>
              ))}
          </div>
        ) : null}
        {issues.length > 0 ? (
          <p className="error" role="alert">
            {t('scorecards.problems', { count: format.number(issues.length) })}
          </p>
        ) : null}
        {save.isError && apiIssues(save.error).length === 0 ? (
          <p className="error" role="alert">
            {save.error.message}
          </p>
        ) : null}
        {confirming ? (
          <div className="scorecard-confirm" role="alertdialog" aria-labelledby="scorecard-confirm-text">
            <p id="scorecard-confirm-text">
              {scorecard
                ? t('scorecards.confirmSave', { name: definition.name, version: nextVersion })
                : t('scorecards.confirmCreate', { name: definition.name })}
            </p>
            <div className="row">
              <button
                type="button"
                className="primary"
                disabled={save.isPending}
                onClick={() => save.mutate()}
              >
                {t('scorecards.confirm')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('scorecards.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <div className="row">
            <button type="submit" className="primary">
              {scorecard ? t('scorecards.save', { version: nextVersion }) : t('scorecards.create')}
            </button>
          </div>
        )}
        {save.isSuccess && scorecard ? (
          <div role="status" className="row">
            <p>{t('scorecards.saved', { version: save.data.version })}</p>
            <button type="button" disabled={rescore.isPending} onClick={() => rescore.mutate()}>
              {t('scorecards.rescore')}
            </button>
            {rescore.isSuccess ? (
              <p>{t('scorecards.rescored', { count: format.number(rescore.data.scored) })}</p>
            ) : null}
          </div>
        ) : null}
      </form>
      <ScorecardPreview
        preview={preview.data}
        isStale={isStale}
        isPending={preview.isPending}
        error={preview.isError && issues.length === 0 ? preview.error.message : undefined}
        isInvalid={issues.length > 0}
      />
    </div>
  );
}
