import { useMemo } from 'react';
import { useLocale } from './i18n.ts';
import type { TLocale } from './types.ts';

/** BCP 47 tags for Intl: `es` alone formats as Spain does (1.234,56 US$), which Latin American teams read too. */
const INTL_LOCALE: Record<TLocale, string> = { en: 'en-US', es: 'es' };

export type TFormat = ReturnType<typeof createFormat>;

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
  };
}

export function useFormat(): TFormat {
  const locale = useLocale();
  return useMemo(() => createFormat(locale), [locale]);
}
