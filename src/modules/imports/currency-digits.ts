const known = new Set(Intl.supportedValuesOf('currency'));
const digits = new Map<string, number>();

/**
 * The number of minor digits of an ISO 4217 currency (USD 2, JPY 0, BHD 3), or `undefined` when the code
 * is not a currency. Amounts may have at most that many decimals (shared/spec/data.md, "General rules").
 */
export function currencyDigits(code: string): number | undefined {
  const upper = code.toUpperCase();
  if (!known.has(upper)) return undefined;
  let n = digits.get(upper);
  if (n === undefined) {
    n = new Intl.NumberFormat('en', { style: 'currency', currency: upper }).resolvedOptions()
      .maximumFractionDigits as number;
    digits.set(upper, n);
  }
  return n;
}
