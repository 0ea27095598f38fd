import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { type TMessageKey, useT } from '../i18n.ts';
import type { TSegment } from '../types.ts';

/** The URL parameters of the accounts list; a saved view is exactly these, so it re-opens the same list. */
export const LIST_PARAMS = ['q', 'sort', 'segment', 'tier', 'band', 'stage', 'owner'] as const;
export type TListParam = (typeof LIST_PARAMS)[number];
export type TListState = Record<TListParam, string>;

const TIERS = ['vip', 'core', 'non_core', 'potential'] as const;
const BANDS = ['red', 'yellow', 'green'] as const;
// The stages classify-accounts.ts computes (src/modules/lifecycle), in the order an account lives them.
const STAGES = ['prospect', 'trial', 'onboarding', 'adoption', 'renewal_due', 'at_risk', 'churned'] as const;

export function readListState(search: URLSearchParams): TListState {
  const state = Object.fromEntries(LIST_PARAMS.map((key) => [key, search.get(key) ?? ''])) as TListState;
  if (!state.sort) state.sort = 'name';
  return state;
}

/** A literal of the segment language: double-quoted, escaping only `\` and `"` (tokenize-filter.ts). */
function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** The `filter` GET /v1/accounts takes, composed from the controls; field names from filter-fields.ts. */
export function composeFilter(state: TListState): string | undefined {
  const parts: string[] = [];
  if (state.tier) parts.push(`tier = ${quote(state.tier)}`);
  if (state.band) parts.push(`health_band = ${quote(state.band)}`);
  if (state.stage) parts.push(`stage = ${quote(state.stage)}`);
  if (state.owner) parts.push(`owner_email = ${quote(state.owner.trim())}`);
  return parts.length > 0 ? parts.join(' AND ') : undefined;
}

type TProps = { state: TListState; onChange: (next: Partial<TListState>) => void };

export function AccountsFilters({ state, onChange }: TProps) {
  const t = useT();
  const segments = useQuery({
    queryKey: ['segments'],
    queryFn: () => api<{ segments: TSegment[] }>('/v1/segments'),
  });
  const [owner, setOwner] = useState(state.owner);
  useEffect(() => setOwner(state.owner), [state.owner]);
  // The owner filter applies a moment after the last key, like the search box.
  useEffect(() => {
    if (owner === state.owner) return;
    const timer = setTimeout(() => onChange({ owner }), 400);
    return () => clearTimeout(timer);
  });
  const hasFilters = Boolean(state.segment || state.tier || state.band || state.stage || state.owner);

  const select = (key: TListParam, label: TMessageKey, options: readonly [string, string][]) => (
    <label>
      {t(label)}
      <select value={state[key]} onChange={(event) => onChange({ [key]: event.target.value })}>
        <option value="">{t('accounts.any')}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <fieldset className="toolbar accounts-filters">
      <legend>{t('accounts.filters')}</legend>
      {select(
        'segment',
        'accounts.segment',
        (segments.data?.segments ?? []).map((segment) => [segment.id, segment.name]),
      )}
      {select(
        'tier',
        'accounts.tier',
        TIERS.map((tier) => [tier, t(`tier.${tier}`)]),
      )}
      {select(
        'band',
        'accounts.band',
        BANDS.map((band) => [band, t(`band.${band}`)]),
      )}
      {select(
        'stage',
        'accounts.stage',
        STAGES.map((stage) => [stage, t(`accounts.stage.${stage}`)]),
      )}
      <label>
        {t('accounts.owner')}
        <input type="email" value={owner} onChange={(event) => setOwner(event.target.value)} />
      </label>
      {hasFilters ? (
        <button
          type="button"
          onClick={() => onChange({ segment: '', tier: '', band: '', stage: '', owner: '' })}
        >
          {t('accounts.clear')}
        </button>
      ) : null}
    </fieldset>
  );
}
