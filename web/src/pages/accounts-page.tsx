import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { AccountsExport } from '../components/accounts-export.tsx';
import {
  AccountsFilters,
  composeFilter,
  readListState,
  type TListState,
} from '../components/accounts-filters.tsx';
import { AccountsViews, viewQuery } from '../components/accounts-views.tsx';
import { BandBadge } from '../components/band-badge.tsx';
import { Pager } from '../components/pager.tsx';
import { QueryState } from '../components/query-state.tsx';
import { useFormat } from '../format.ts';
import { codeText, useT } from '../i18n.ts';
import { useMrr } from '../queries.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import type { TAccountPage } from '../types.ts';

const PAGE = 25;
const SORTS = ['name', '-mrr', 'health_score', '-created_at'] as const;

/**
 * Search, filters, sort and page live in the URL, so Back returns to the same list and a saved view is
 * just that URL without its page.
 */
export function AccountsPage() {
  const t = useT();
  const format = useFormat();
  const { search } = useLocation();
  const state = readListState(search);
  const { q, sort } = state;
  const offset = Number(search.get('offset') ?? 0);
  const [text, setText] = useState(q);
  const currency = useMrr().data?.currency ?? 'USD';

  // Typing replaces the entry (one Back per search, not per key); a filter, sort or page change pushes one.
  const go = (next: Partial<TListState> & { offset?: number }, { replace = false } = {}) => {
    const params = new URLSearchParams(viewQuery({ ...state, ...next }));
    const nextOffset = next.offset ?? 0;
    if (nextOffset > 0) params.set('offset', String(nextOffset));
    navigate(`/accounts?${params.toString()}`, { replace });
  };

  useEffect(() => setText(q), [q]);
  // Searching as one types, a quarter second after the last key.
  useEffect(() => {
    if (text === q) return;
    const timer = setTimeout(() => go({ q: text }, { replace: true }), 250);
    return () => clearTimeout(timer);
  });

  const listQuery = {
    q: q || undefined,
    sort,
    segment_id: state.segment || undefined,
    filter: composeFilter(state),
  };
  const page = useQuery({
    queryKey: ['accounts', listQuery, offset],
    queryFn: () => api<TAccountPage>('/v1/accounts', { query: { ...listQuery, limit: PAGE, offset } }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <h1>{t('accounts.title')}</h1>
      <div className="toolbar">
        <label>
          {t('accounts.search')}
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <label>
          {t('accounts.sort')}
          <select value={sort} onChange={(event) => go({ sort: event.target.value })}>
            {SORTS.map((key) => (
              <option key={key} value={key}>
                {t(`accounts.sort.${key}`)}
              </option>
            ))}
          </select>
        </label>
        <AccountsExport query={listQuery} currency={currency} />
      </div>
      <AccountsFilters state={state} onChange={(next) => go(next)} />
      <AccountsViews state={state} />
      <QueryState query={page}>
        {(data) => (
          <section className="card">
            <table aria-label={t('accounts.title')}>
              <thead>
                <tr>
                  <th scope="col">{t('col.account')}</th>
                  <th scope="col">{t('col.owner')}</th>
                  <th scope="col">{t('col.tier')}</th>
                  <th scope="col">{t('col.stage')}</th>
                  <th scope="col" className="num">
                    {t('kpi.mrr')}
                  </th>
                  <th scope="col">{t('col.health')}</th>
                  <th scope="col" className="num">
                    {t('col.score')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.accounts.map((row) => (
                  <tr key={row.account_id}>
                    <td>
                      <Link href={`/accounts/${encodeURIComponent(row.account_id)}`}>{row.name}</Link>
                    </td>
                    <td>{row.owner_email ?? '—'}</td>
                    <td>{codeText(t, 'tier', row.tier)}</td>
                    <td>{codeText(t, 'accounts.stage', row.stage)}</td>
                    <td className="num">{format.money(row.mrr, currency)}</td>
                    <td>
                      <BandBadge band={row.health_band} />
                    </td>
                    <td className="num">{format.number(row.health_score)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager
              offset={offset}
              pageSize={PAGE}
              total={data.total}
              onChange={(next) => go({ offset: next })}
            />
          </section>
        )}
      </QueryState>
    </>
  );
}
