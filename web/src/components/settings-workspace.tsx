import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { useLocale, useT } from '../i18n.ts';
import { useWorkspaceDetails } from '../queries.ts';
import type { TWorkspaceDetails, TWorkspaceSettings } from '../types.ts';
import { QueryState } from './query-state.tsx';

/**
 * The workspace card of Settings: reporting currency and time zone (editable by admins while the workspace is
 * empty, since every stored amount and date depends on them) and the metric options of docs/metrics.md,
 * each with what it changes. Others read the same values.
 */
export function SettingsWorkspace({ isAdmin }: { isAdmin: boolean }) {
  const t = useT();
  const workspace = useWorkspaceDetails();
  return (
    <section className="card" aria-labelledby="workspace-title">
      <h2 id="workspace-title">{t('settings.workspace')}</h2>
      <QueryState query={workspace}>
        {(ws) => (
          <>
            <dl className="facts">
              <div>
                <dt>{t('login.workspace')}</dt>
                <dd>{ws.id}</dd>
              </div>
              <div>
                <dt>{t('settings.currency')}</dt>
                <dd data-testid="workspace-currency">{ws.reporting_currency}</dd>
              </div>
              <div>
                <dt>{t('settings.timezone')}</dt>
                <dd>{ws.timezone}</dd>
              </div>
            </dl>
            {isAdmin ? <BasisForm key={`${ws.reporting_currency} ${ws.timezone}`} workspace={ws} /> : null}
            {!isAdmin ? (
              <p className="muted">
                {ws.has_data
                  ? t('ws.basisFixed', { currency: ws.reporting_currency, timezone: ws.timezone })
                  : t('ws.basisOpen')}
              </p>
            ) : null}
            <h3 id="options-title">{t('ws.options')}</h3>
            <p className="muted">{t('ws.optionsIntro')}</p>
            {isAdmin ? <OptionsForm settings={ws.settings} /> : <OptionsView settings={ws.settings} />}
          </>
        )}
      </QueryState>
    </section>
  );
}

/** Names of currencies in the reader's language (`USD — US Dollar`), for the select. */
function useCurrencyNames(): (code: string) => string {
  const locale = useLocale();
  return useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'currency' });
    return (code: string) => `${code} — ${names.of(code) ?? code}`;
  }, [locale]);
}

/** After a change that recomputes numbers, every page's data is stale. */
function useRefreshAll() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries();
}

function BasisForm({ workspace }: { workspace: TWorkspaceDetails }) {
  const t = useT();
  const currencyName = useCurrencyNames();
  const refreshAll = useRefreshAll();
  const explanationId = useId();
  const [currency, setCurrency] = useState(workspace.reporting_currency);
  const [timezone, setTimezone] = useState(workspace.timezone);
  const currencies = useMemo(() => Intl.supportedValuesOf('currency'), []);
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf('timeZone');
    return all.includes(workspace.timezone) ? all : [workspace.timezone, ...all];
  }, [workspace.timezone]);
  const save = useMutation({
    mutationFn: () =>
      api<TWorkspaceDetails>('/v1/workspace', {
        method: 'PATCH',
        body: { reporting_currency: currency, timezone },
      }),
    onSuccess: refreshAll,
  });
  const isFixed = workspace.has_data;
  const isChanged = currency !== workspace.reporting_currency || timezone !== workspace.timezone;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="stack" onSubmit={submit} aria-label={t('ws.basis')}>
      <div className="row">
        <label>
          {t('settings.currency')}
          <select
            value={currency}
            disabled={isFixed}
            aria-describedby={explanationId}
            onChange={(e) => setCurrency(e.target.value)}
          >
            {currencies.map((code) => (
              <option key={code} value={code}>
                {currencyName(code)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.timezone')}
          <select
            value={timezone}
            disabled={isFixed}
            aria-describedby={explanationId}
            onChange={(e) => setTimezone(e.target.value)}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
        {isFixed ? null : (
          <button type="submit" className="primary" disabled={!isChanged || save.isPending}>
            {t('ws.saveBasis')}
          </button>
        )}
      </div>
      <p id={explanationId} className="muted">
        {isFixed
          ? t('ws.basisFixed', { currency: workspace.reporting_currency, timezone: workspace.timezone })
          : t('ws.basisOpen')}
      </p>
      {save.isError ? (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      ) : null}
    </form>
  );
}

type TOptionKey = 'mrr.discounts' | 'ltv.gross_margin' | 'renewal.min_interval_months' | 'renewal.grace_days';

/** Read-only options, as a non-admin sees them. */
function OptionsView({ settings }: { settings: TWorkspaceSettings }) {
  const t = useT();
  const format = useFormat();
  const rows: [TOptionKey, string, string][] = [
    [
      'mrr.discounts',
      settings['mrr.discounts'] === 'ignore' ? t('ws.discountsIgnore') : t('ws.discountsDeduct'),
      t('ws.discountsHelp'),
    ],
    ['ltv.gross_margin', format.percent(settings['ltv.gross_margin']), t('ws.marginHelp')],
    [
      'renewal.min_interval_months',
      t('ws.monthsValue', { count: format.number(settings['renewal.min_interval_months']) }),
      t('ws.renewalMonthsHelp'),
    ],
    [
      'renewal.grace_days',
      t('ws.daysValue', { count: format.number(settings['renewal.grace_days']) }),
      t('ws.graceHelp'),
    ],
  ];
  const labels = useOptionLabels();
  return (
    <dl className="stack" aria-labelledby="options-title">
      {rows.map(([key, value, help]) => (
        <div key={key}>
          <dt>
            <strong>{labels[key]}</strong> <code className="muted">{key}</code>
          </dt>
          <dd data-testid={`option-${key}`}>{value}</dd>
          <dd className="muted hint">{help}</dd>
        </div>
      ))}
    </dl>
  );
}

function useOptionLabels(): Record<TOptionKey, string> {
  const t = useT();
  return {
    'mrr.discounts': t('ws.discounts'),
    'ltv.gross_margin': t('ws.margin'),
    'renewal.min_interval_months': t('ws.renewalMonths'),
    'renewal.grace_days': t('ws.grace'),
  };
}

function OptionsForm({ settings }: { settings: TWorkspaceSettings }) {
  const t = useT();
  const refreshAll = useRefreshAll();
  const labels = useOptionLabels();
  const [discounts, setDiscounts] = useState(settings['mrr.discounts']);
  // The margin is a fraction in the API and a percentage on screen.
  const [margin, setMargin] = useState(String(Math.round(settings['ltv.gross_margin'] * 10000) / 100));
  const [months, setMonths] = useState(String(settings['renewal.min_interval_months']));
  const [grace, setGrace] = useState(String(settings['renewal.grace_days']));
  const save = useMutation({
    mutationFn: (changes: Partial<TWorkspaceSettings>) =>
      api<TWorkspaceDetails>('/v1/workspace', { method: 'PATCH', body: { settings: changes } }),
    onSuccess: refreshAll,
  });
  const changes: Partial<TWorkspaceSettings> = {};
  if (discounts !== settings['mrr.discounts']) changes['mrr.discounts'] = discounts;
  if (Number(margin) / 100 !== settings['ltv.gross_margin'])
    changes['ltv.gross_margin'] = Number(margin) / 100;
  if (Number(months) !== settings['renewal.min_interval_months'])
    changes['renewal.min_interval_months'] = Number(months);
  if (Number(grace) !== settings['renewal.grace_days']) changes['renewal.grace_days'] = Number(grace);
  const isRecomputing = changes['mrr.discounts'] !== undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (isRecomputing) {
      const to = discounts === 'ignore' ? t('ws.discountsIgnore') : t('ws.discountsDeduct');
      if (!window.confirm(t('ws.confirmRecompute', { to }))) return;
    }
    save.mutate(changes);
  };
  const recomputed = save.isSuccess && save.variables?.['mrr.discounts'] !== undefined;
  return (
    <form className="stack" onSubmit={submit} aria-label={t('ws.options')}>
      <fieldset>
        <legend>
          {labels['mrr.discounts']} <code className="muted">mrr.discounts</code>
        </legend>
        <label className="inline">
          <input
            type="radio"
            name="mrr-discounts"
            value="deduct"
            checked={discounts === 'deduct'}
            onChange={() => setDiscounts('deduct')}
          />
          {t('ws.discountsDeduct')}
        </label>
        <label className="inline">
          <input
            type="radio"
            name="mrr-discounts"
            value="ignore"
            checked={discounts === 'ignore'}
            onChange={() => setDiscounts('ignore')}
          />
          {t('ws.discountsIgnore')}
        </label>
        <p className="muted hint">{t('ws.discountsHelp')}</p>
        <p className="hint">
          <strong>{t('ws.recomputes')}</strong>
        </p>
      </fieldset>
      <NumberOption
        name={`${labels['ltv.gross_margin']} (%)`}
        optionKey="ltv.gross_margin"
        help={t('ws.marginHelp')}
        value={margin}
        onChange={setMargin}
        min={0.01}
        max={100}
        step="any"
      />
      <NumberOption
        name={labels['renewal.min_interval_months']}
        optionKey="renewal.min_interval_months"
        help={t('ws.renewalMonthsHelp')}
        value={months}
        onChange={setMonths}
        min={1}
        step={1}
      />
      <NumberOption
        name={labels['renewal.grace_days']}
        optionKey="renewal.grace_days"
        help={t('ws.graceHelp')}
        value={grace}
        onChange={setGrace}
        min={0}
        step={1}
      />
      {save.isError ? (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      ) : null}
      {save.isSuccess ? (
        <p role="status">{recomputed ? t('ws.savedRecomputed') : t('billing.saved')}</p>
      ) : null}
      <div className="row">
        <button
          type="submit"
          className="primary"
          disabled={save.isPending || Object.keys(changes).length === 0}
        >
          {isRecomputing ? t('ws.saveAndRecompute') : t('ws.saveOptions')}
        </button>
      </div>
    </form>
  );
}

/** One numeric option: its name and key, the input, and what changing it does. */
function NumberOption({
  name,
  optionKey,
  help,
  value,
  onChange,
  min,
  max,
  step,
}: {
  name: string;
  optionKey: TOptionKey;
  help: string;
  value: string;
  onChange: (value: string) => void;
  min: number;
  max?: number;
  step: number | 'any';
}) {
  const helpId = useId();
  return (
    <div>
      <label>
        <span>
          {name} <code className="muted">{optionKey}</code>
        </span>
        <input
          type="number"
          className="narrow"
          required
          min={min}
          max={max}
          step={step}
          value={value}
          aria-describedby={helpId}
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
      <p id={helpId} className="muted hint">
        {help}
      </p>
    </div>
  );
}
