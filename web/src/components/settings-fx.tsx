import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useLocale, useT } from '../i18n.ts';
import { useFxCoverage, useFxRates, useWorkspaceToday } from '../queries.ts';
import type { TFxCoverage, TFxRate } from '../types.ts';
import { Pager } from './pager.tsx';
import { QueryState } from './query-state.tsx';

const PAGE = 20;

/**
 * Rates have up to ~10 significant digits (0.00193050 USD per colón); the money and number helpers of
 * format.ts round to 2 and 1 decimals, so rates get their own Intl format, in the same locales.
 */
function useRateFormat(): (value: number) => string {
  const locale = useLocale();
  return useMemo(() => {
    const format = new Intl.NumberFormat(locale === 'es' ? 'es' : 'en-US', { maximumSignificantDigits: 6 });
    return (value: number) => format.format(value);
  }, [locale]);
}

/**
 * Currencies and FX rates (Settings): which currencies the data is in, the months whose amounts have no
 * rate of their own (they convert at an older one), every rate newest first, and — for admins — adding a
 * rate or deleting one (both recompute MRR on the server, like an import).
 */
export function SettingsFx({ isAdmin }: { isAdmin: boolean }) {
  const t = useT();
  const coverage = useFxCoverage();
  return (
    <section className="card" aria-labelledby="fx-title">
      <h2 id="fx-title">{t('fx.title')}</h2>
      <QueryState query={coverage}>
        {(data) => (
          <>
            <p className="muted">{t('fx.intro', { currency: data.reporting_currency })}</p>
            <Currencies coverage={data} />
            <MissingMonths coverage={data} />
            <Rates coverage={data} isAdmin={isAdmin} />
            {isAdmin ? <AddRate coverage={data} /> : null}
          </>
        )}
      </QueryState>
    </section>
  );
}

function RateText({ rate, currency, reporting }: { rate: string; currency: string; reporting: string }) {
  const t = useT();
  const formatRate = useRateFormat();
  return <>{t('fx.oneIs', { currency, rate: formatRate(Number(rate)), reporting })}</>;
}

function Currencies({ coverage }: { coverage: TFxCoverage }) {
  const t = useT();
  const format = useFormat();
  const reporting = coverage.reporting_currency;
  if (coverage.currencies.length === 0) return <p>{t('fx.noData')}</p>;
  return (
    <table aria-label={t('fx.currencies')}>
      <caption>{t('fx.currencies')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('fx.currency')}</th>
          <th scope="col" className="num">
            {t('fx.amounts')}
          </th>
          <th scope="col">{t('fx.usedFrom')}</th>
          <th scope="col">{t('fx.latestRate')}</th>
          <th scope="col">{t('fx.coverage')}</th>
        </tr>
      </thead>
      <tbody>
        {coverage.currencies.map((c) => (
          <tr key={c.currency}>
            <th scope="row">{c.currency}</th>
            <td className="num">{format.number(c.records)}</td>
            <td>
              {c.first_day && c.last_day
                ? t('fx.range', { from: format.date(c.first_day), to: format.date(c.last_day) })
                : '—'}
            </td>
            <td>
              {c.is_reporting ? (
                t('fx.reporting')
              ) : c.latest_rate ? (
                <>
                  <RateText rate={c.latest_rate.rate} currency={c.currency} reporting={reporting} />{' '}
                  <span className="muted">({format.date(c.latest_rate.date)})</span>
                </>
              ) : (
                '—'
              )}
            </td>
            <td>
              {c.is_reporting ? (
                '—'
              ) : c.records_without_rate > 0 ? (
                <span className="badge decline-hard">
                  {t('fx.withoutRate', { count: format.number(c.records_without_rate) })}
                </span>
              ) : c.months_missing > 0 ? (
                <span className="badge decline-soft">
                  {t('fx.monthsMissing', { count: format.number(c.months_missing) })}
                </span>
              ) : c.records > 0 ? (
                <span className="badge case-recovered">{t('fx.covered')}</span>
              ) : (
                <span className="muted">{t('fx.unused')}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MissingMonths({ coverage }: { coverage: TFxCoverage }) {
  const t = useT();
  const format = useFormat();
  const needsRates = coverage.currencies.some((c) => !c.is_reporting && c.records > 0);
  if (!needsRates) return null;
  if (coverage.missing_months.length === 0) return <p role="status">{t('fx.allCovered')}</p>;
  return (
    <>
      <h3 id="fx-missing-title">{t('fx.missingTitle')}</h3>
      <p className="muted">{t('fx.missingIntro')}</p>
      <table aria-labelledby="fx-missing-title">
        <thead>
          <tr>
            <th scope="col">{t('fx.month')}</th>
            <th scope="col">{t('fx.currency')}</th>
            <th scope="col" className="num">
              {t('fx.amounts')}
            </th>
            <th scope="col">{t('fx.convertsAt')}</th>
          </tr>
        </thead>
        <tbody>
          {coverage.missing_months.map((m) => (
            <tr key={`${m.currency} ${m.month}`}>
              <th scope="row">{format.month(m.month)}</th>
              <td>{m.currency}</td>
              <td className="num">{format.number(m.records)}</td>
              <td>
                {m.fallback ? (
                  <>
                    <span className="badge decline-soft">
                      {t('fx.fallsBack', { date: format.date(m.fallback.date) })}
                    </span>{' '}
                    <RateText
                      rate={m.fallback.rate}
                      currency={m.currency}
                      reporting={coverage.reporting_currency}
                    />
                  </>
                ) : (
                  <span className="badge decline-hard">{t('fx.noRate')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Rates({ coverage, isAdmin }: { coverage: TFxCoverage; isAdmin: boolean }) {
  const t = useT();
  const format = useFormat();
  const formatRate = useRateFormat();
  const queryClient = useQueryClient();
  const [currency, setCurrency] = useState('');
  const [offset, setOffset] = useState(0);
  const rates = useFxRates({ currency: currency || undefined, limit: PAGE, offset });
  const reporting = coverage.reporting_currency;
  const choices = coverage.currencies.filter((c) => c.rates > 0).map((c) => c.currency);
  const remove = useMutation({
    mutationFn: (rate: TFxRate) =>
      api(`/v1/fx-rates/${encodeURIComponent(rate.currency)}/${rate.date}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  const confirmDelete = (rate: TFxRate) => {
    const values = { currency: rate.currency, date: format.date(rate.date) };
    if (window.confirm(t('fx.confirmDelete', values))) remove.mutate(rate);
  };
  return (
    <>
      <h3 id="fx-rates-title">{t('fx.rates')}</h3>
      <div className="toolbar">
        <label>
          {t('fx.currency')}
          <select
            value={currency}
            onChange={(e) => {
              setCurrency(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">{t('fx.allCurrencies')}</option>
            {choices.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
      </div>
      {remove.isError ? (
        <p className="error" role="alert">
          {t('fx.deleteRefused', { message: remove.error.message })}
        </p>
      ) : null}
      <QueryState query={rates}>
        {(page) =>
          page.rates.length === 0 ? (
            <p>{t('fx.noRates')}</p>
          ) : (
            <>
              <table aria-labelledby="fx-rates-title">
                <thead>
                  <tr>
                    <th scope="col">{t('col.date')}</th>
                    <th scope="col">{t('fx.currency')}</th>
                    <th scope="col">{t('fx.rateTo', { currency: reporting })}</th>
                    <th scope="col">{t('fx.inverse')}</th>
                    {isAdmin ? <th scope="col">{t('common.actions')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {page.rates.map((rate) => (
                    <tr key={`${rate.currency} ${rate.date}`}>
                      <th scope="row">{format.date(rate.date)}</th>
                      <td>{rate.currency}</td>
                      <td>
                        <RateText rate={rate.rate} currency={rate.currency} reporting={reporting} />
                      </td>
                      <td className="muted">
                        {t('fx.oneIs', {
                          currency: reporting,
                          rate: formatRate(1 / Number(rate.rate)),
                          reporting: rate.currency,
                        })}
                      </td>
                      {isAdmin ? (
                        <td className="actions">
                          <button
                            type="button"
                            className="danger"
                            disabled={remove.isPending}
                            aria-label={t('fx.deleteNamed', {
                              currency: rate.currency,
                              date: format.date(rate.date),
                            })}
                            onClick={() => confirmDelete(rate)}
                          >
                            {t('common.delete')}
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager offset={offset} pageSize={PAGE} total={page.total} onChange={setOffset} />
            </>
          )
        }
      </QueryState>
    </>
  );
}

function AddRate({ coverage }: { coverage: TFxCoverage }) {
  const t = useT();
  const formatRate = useRateFormat();
  const queryClient = useQueryClient();
  const today = useWorkspaceToday();
  const reporting = coverage.reporting_currency;
  const inUse = coverage.currencies.filter((c) => !c.is_reporting).map((c) => c.currency);
  const others = Intl.supportedValuesOf('currency').filter((c) => c !== reporting && !inUse.includes(c));
  const [currency, setCurrency] = useState(inUse[0] ?? others[0] ?? '');
  const [date, setDate] = useState('');
  const [rate, setRate] = useState('');
  // A Spanish reader may type the decimal comma; the API takes a decimal point.
  const decimal = rate.trim().replace(',', '.');
  const value = Number(decimal);
  const save = useMutation({
    mutationFn: () =>
      api<{ status: 'created' | 'updated' | 'unchanged' }>('/v1/fx-rates', {
        method: 'POST',
        body: { currency, date: date || today, rate: decimal },
      }),
    onSuccess: () => {
      setRate('');
      void queryClient.invalidateQueries();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="fx-add-title">
      <h3 id="fx-add-title">{t('fx.add')}</h3>
      <div className="row">
        <label>
          {t('fx.currency')}
          <select value={currency} onChange={(e) => setCurrency(e.target.value)}>
            {inUse.length > 0 ? (
              <optgroup label={t('fx.inUse')}>
                {inUse.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label={t('fx.otherCurrencies')}>
              {others.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <label>
          {t('col.date')}
          <input type="date" required value={date || today || ''} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          {t('fx.rateLabel', { currency, reporting })}
          <input
            inputMode="decimal"
            required
            pattern="[0-9]*[.,]?[0-9]+"
            placeholder="0.0019305"
            value={rate}
            onChange={(e) => setRate(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={save.isPending || !currency}>
          {t('fx.save')}
        </button>
      </div>
      <p className="muted hint" aria-live="polite">
        {value > 0
          ? t('fx.preview', {
              direct: t('fx.oneIs', { currency, rate: formatRate(value), reporting }),
              inverse: t('fx.oneIs', {
                currency: reporting,
                rate: formatRate(1 / value),
                reporting: currency,
              }),
            })
          : t('fx.rateHelp', { currency, reporting })}
      </p>
      {save.isError ? (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      ) : null}
      {save.isSuccess ? (
        <p role="status">{save.data.status === 'unchanged' ? t('fx.unchanged') : t('fx.saved')}</p>
      ) : null}
    </form>
  );
}
