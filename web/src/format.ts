import { useMemo } from 'react';
import { useLocale } from './i18n.ts';
import type { TLocale } from './types.ts';

/** BCP 47 tags for Intl: `es` alone formats as Spain does (1.234,56 US$), which Latin American teams read too. */
const INTL_LOCALE: Record<TLocale, string> = { en: 'en-US', es: 'es' };

export type TFormat = ReturnType<typeof createFormat>;

/** Units of a relative time, largest first, each with its length in seconds. */
const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
];
/** How long "3 days ago" reads better than a date: past a week the date and time say more. */
const RELATIVE_LIMIT_SECONDS = 7 * 86_400;

/** Every number, amount and date on screen goes through Intl in the user's language. */
export function createFormat(locale: TLocale) {
  const tag = INTL_LOCALE[locale];
  const money = new Map<string, Intl.NumberFormat>();
  const moneyIn = (currency: string) => {
    let format = money.get(currency);
    if (!format) {
      format = new Intl.NumberFormat(tag, { style: 'currency', currency, maximumFractionDigits: 2 });
      money.set(currency, format);
    }
    return format;
  };
  const compact = new Map<string, Intl.NumberFormat>();
  const compactIn = (currency: string) => {
    let format = compact.get(currency);
    if (!format) {
      format = new Intl.NumberFormat(tag, { style: 'currency', currency, notation: 'compact' });
      compact.set(currency, format);
    }
    return format;
  };
  const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  // A moment (not a calendar day) reads in the reader's own time zone.
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
  return {
    money: (amount: number | null | undefined, currency: string) =>
      amount === null || amount === undefined ? '—' : moneyIn(currency).format(amount),
    /** Chart axes: `$3K`, `3 mil US$`. */
    moneyCompact: (amount: number, currency: string) => compactIn(currency).format(amount),
    number: (value: number | null | undefined) =>
      value === null || value === undefined ? '—' : number.format(value),
    percent: (ratio: number | null | undefined) =>
      ratio === null || ratio === undefined ? '—' : percent.format(ratio),
    /** `YYYY-MM-DD` (a calendar day, so formatted in UTC to stay the same day everywhere). */
    date: (isoDate: string) => date.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
    /** `YYYY-MM` */
    month: (period: string) => month.format(new Date(`${period}-01T00:00:00Z`)),
    /** An ISO timestamp as date and time in the reader's time zone: `Oct 20, 2026, 3:04 PM`. */
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    /**
     * An ISO timestamp relative to `now` within a week (`now`, `5 minutes ago`, `yesterday`, `in 2 hours`),
     * its date and time beyond.
     */
    relativeTime: (iso: string, now = Date.now()) => {
      const seconds = (Date.parse(iso) - now) / 1000;
      if (Math.abs(seconds) >= RELATIVE_LIMIT_SECONDS) return dateTime.format(new Date(iso));
      const found = RELATIVE_UNITS.find(([, size]) => Math.abs(seconds) >= size);
      return found ? relative.format(Math.round(seconds / found[1]), found[0]) : relative.format(0, 'second');
    },
  };
}

export function useFormat(): TFormat {
  const locale = useLocale();
  return useMemo(() => createFormat(locale), [locale]);
}
