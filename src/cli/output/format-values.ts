import pc from 'picocolors';

/**
 * The locale whose conventions fit a currency best, so `$1,234.56` and `₡1 234,56` read as their users
 * write them. Unlisted currencies get English grouping with the currency's own symbol.
 */
const CURRENCY_LOCALES: Record<string, string> = {
  USD: 'en-US',
  CAD: 'en-CA',
  AUD: 'en-AU',
  NZD: 'en-NZ',
  GBP: 'en-GB',
  EUR: 'de-DE',
  CHF: 'de-CH',
  SEK: 'sv-SE',
  NOK: 'nb-NO',
  DKK: 'da-DK',
  PLN: 'pl-PL',
  JPY: 'ja-JP',
  INR: 'en-IN',
  CRC: 'es-CR',
  MXN: 'es-MX',
  COP: 'es-CO',
  ARS: 'es-AR',
  CLP: 'es-CL',
  BRL: 'pt-BR',
};

export const NULL_MARK = '—';

export type TFormatters = {
  money(value: number | null | undefined): string;
  /** A movement at a glance: `+$60.00` in green, or `−$20.00` in red, when colors are on. */
  signedMoney(value: number | null | undefined, direction: 'up' | 'down'): string;
  rate(value: number | null | undefined): string;
  count(value: number | null | undefined): string;
};

export function createFormatters({ currency, color }: { currency: string; color: boolean }): TFormatters {
  const moneyFormat = new Intl.NumberFormat(CURRENCY_LOCALES[currency] ?? 'en-US', {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
  });
  const rateFormat = new Intl.NumberFormat('en-US', {
    style: 'percent',
    // Fixed decimals keep a column of rates aligned on the decimal point.
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const countFormat = new Intl.NumberFormat('en-US');
  const isMissing = (value: number | null | undefined): value is null | undefined =>
    value === null || value === undefined;
  return {
    money: (value) => (isMissing(value) ? NULL_MARK : moneyFormat.format(value)),
    signedMoney: (value, direction) => {
      if (isMissing(value)) return NULL_MARK;
      if (value === 0) return moneyFormat.format(0);
      const text = `${direction === 'up' ? '+' : '−'}${moneyFormat.format(Math.abs(value))}`;
      if (!color) return text;
      return direction === 'up' ? pc.green(text) : pc.red(text);
    },
    rate: (value) => (isMissing(value) ? NULL_MARK : rateFormat.format(value).replace('-', '−')),
    count: (value) => (isMissing(value) ? NULL_MARK : countFormat.format(value)),
  };
}
