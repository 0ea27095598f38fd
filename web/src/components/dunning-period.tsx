import { useT } from '../i18n.ts';
import { navigate, useLocation } from '../router.tsx';

/** A period of days: `from` and `to` inclusive as the user reads them, `toExclusive` as the API takes it. */
export type TPeriod = { from: string; to: string; toExclusive: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The period in the URL (`?from=&to=`, so a link keeps it), or the `days` days up to today. */
export function usePeriod(days: number): TPeriod {
  const { search } = useLocation();
  const today = new Date().toISOString().slice(0, 10);
  const toParam = search.get('to') ?? '';
  const fromParam = search.get('from') ?? '';
  const to = DAY.test(toParam) ? toParam : today;
  const from = DAY.test(fromParam) && fromParam <= to ? fromParam : addDays(to, 1 - days);
  return { from, to, toExclusive: addDays(to, 1) };
}

/** Two date inputs that rewrite the URL's period, keeping its other parameters (filters, selection). */
export function PeriodPicker({ period }: { period: TPeriod }) {
  const t = useT();
  const { path, search } = useLocation();
  const change = (key: 'from' | 'to', value: string) => {
    if (!DAY.test(value)) return;
    const params = new URLSearchParams(search);
    params.set('from', period.from);
    params.set('to', period.to);
    params.set(key, value);
    navigate(`${path}?${params.toString()}`, { replace: true });
  };
  return (
    <fieldset className="toolbar period" aria-label={t('billing.period')}>
      <label className="inline">
        {t('billing.from')}
        <input
          type="date"
          value={period.from}
          max={period.to}
          onChange={(e) => change('from', e.target.value)}
        />
      </label>
      <label className="inline">
        {t('billing.to')}
        <input
          type="date"
          value={period.to}
          min={period.from}
          onChange={(e) => change('to', e.target.value)}
        />
      </label>
    </fieldset>
  );
}
