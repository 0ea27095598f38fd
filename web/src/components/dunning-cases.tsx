import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import type { TDunningCase, TDunningCaseDetail, TDunningStatus } from '../types.ts';
import { nextStepLabel, statusLabel } from './dunning-labels.ts';
import { Pager } from './pager.tsx';
import { QueryState } from './query-state.tsx';

const STATUSES: TDunningStatus[] = ['open', 'recovered', 'failed', 'closed'];
const PAGE = 50;

export function fetchDunningCase(id: string): Promise<TDunningCaseDetail> {
  return api<TDunningCaseDetail>(`/v1/dunning/cases/${encodeURIComponent(id)}`);
}

/**
 * The URL of the page with one search parameter changed (or removed when `value` is undefined). Another
 * status filter starts the list on its first page.
 */
export function withParam(key: string, value: string | undefined): string {
  const { pathname, search } = window.location;
  const params = new URLSearchParams(search);
  if (value === undefined) params.delete(key);
  else params.set(key, value);
  if (key === 'status') params.delete('offset');
  const text = params.toString();
  return text ? `${pathname}?${text}` : pathname;
}

/** Newest cases first, filtered by status (`?status=`); a case's invoice opens its detail (`?case=`). */
export function DunningCases() {
  const t = useT();
  const format = useFormat();
  const { search } = useLocation();
  const statusParam = search.get('status');
  const status = STATUSES.find((s) => s === statusParam);
  const selected = search.get('case') ?? undefined;
  const offset = Number(search.get('offset') ?? 0) || 0;
  const cases = useQuery({
    queryKey: ['dunning-cases', status, offset],
    queryFn: () =>
      api<{ total: number; cases: TDunningCase[] }>('/v1/dunning/cases', {
        query: { status, limit: PAGE, offset },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="card" aria-labelledby="dunning-cases">
      <div className="card-head">
        <h2 id="dunning-cases">{t('dunning.caseList')}</h2>
        <label className="inline">
          {t('dunning.statusFilter')}
          <select
            value={status ?? ''}
            onChange={(e) => navigate(withParam('status', e.target.value || undefined), { replace: true })}
          >
            <option value="">{t('dunning.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(t, s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState query={cases}>
        {(data) =>
          data.cases.length === 0 ? (
            <p className="muted">{t('dunning.noCases')}</p>
          ) : (
            <div className="scroll">
              <table aria-label={t('dunning.caseList')}>
                <thead>
                  <tr>
                    <th scope="col">{t('col.invoice')}</th>
                    <th scope="col">{t('col.account')}</th>
                    <th scope="col">{t('dunning.declineCode')}</th>
                    <th scope="col" className="num">
                      {t('col.amount')}
                    </th>
                    <th scope="col" className="num">
                      {t('dunning.attemptsMade')}
                    </th>
                    <th scope="col">{t('dunning.opened')}</th>
                    <th scope="col">{t('dunning.nextStep')}</th>
                    <th scope="col">{t('dunning.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.cases.map((c) => (
                    <tr key={c.id} aria-selected={c.id === selected ? true : undefined}>
                      <th scope="row">
                        <Link
                          href={withParam('case', c.id)}
                          aria-current={c.id === selected ? 'true' : undefined}
                        >
                          {c.invoice_id}
                        </Link>
                      </th>
                      <td>
                        <Link href={`/accounts/${encodeURIComponent(c.account_id)}`}>{c.account_id}</Link>
                      </td>
                      <td>
                        {c.last_failure_code ?? t('dunning.noCode')}{' '}
                        <span className={`badge decline-${c.decline_kind}`}>
                          {t(`dunning.${c.decline_kind}`)}
                        </span>
                      </td>
                      <td className="num">{format.money(c.amount, c.currency)}</td>
                      <td className="num">{format.number(c.attempts_made)}</td>
                      <td>{format.date(c.opened_at)}</td>
                      <td>{nextStepLabel(t, format, c)}</td>
                      <td>
                        <span className={`badge case-${c.status}`}>{statusLabel(t, c.status)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {data.total > PAGE ? (
                <Pager
                  offset={offset}
                  pageSize={PAGE}
                  total={data.total}
                  onChange={(next) =>
                    navigate(withParam('offset', next ? String(next) : undefined), { replace: true })
                  }
                />
              ) : null}
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
