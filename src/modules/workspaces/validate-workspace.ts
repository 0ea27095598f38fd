import { AppError } from '../../errors.ts';

const currencies = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 code, upper-cased; anything else is bad input. */
export function assertCurrency(code: string): string {
  const upper = code.trim().toUpperCase();
  if (!currencies.has(upper))
    throw new AppError('invalid_input', `"${code}" is not an ISO 4217 currency code`);
  return upper;
}

/** An IANA time zone name such as `America/Costa_Rica`. */
export function assertTimezone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new AppError(
      'invalid_input',
      `"${zone}" is not a time zone (use an IANA name like America/Costa_Rica)`,
    );
  }
}
