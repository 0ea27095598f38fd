import { currencyDigits } from '../imports/currency-digits.ts';

/** A Stripe object as received: only the fields the mappers read are typed, all optional. */
export type TStripeObject = Record<string, any>;

/**
 * An amount in the currency's minor units (Stripe's integers: 1999 USD cents, 1999 JPY yen) as the decimal
 * text the import takes (`19.99`, `1999`). Done on digits, not floats, so no rounding creeps in.
 */
export function fromMinorUnits(amount: number, currency: string): string {
  const digits = currencyDigits(currency) ?? 2;
  const sign = amount < 0 ? '-' : '';
  const text = String(Math.abs(Math.trunc(amount))).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${text}`;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Stripe's unix seconds as ISO 8601; null stays null (an absent date clears the stored one). */
export function fromUnixSeconds(seconds: number | null | undefined): string | null {
  return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : null;
}

/** An id field that Stripe sends either as the id or, when expanded, as the object. */
export function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') {
    return (value as { id: string }).id;
  }
  return null;
}

/** Tenure's payment method kinds (data.md) from Stripe's payment method types. */
export function paymentMethodKind(
  type: string | null | undefined,
): 'card' | 'direct_debit' | 'bank_transfer' | 'wallet' | 'other' {
  switch (type) {
    case 'card':
    case 'card_present':
      return 'card';
    case 'sepa_debit':
    case 'us_bank_account':
    case 'bacs_debit':
    case 'acss_debit':
    case 'au_becs_debit':
    case 'nz_bank_account':
      return 'direct_debit';
    case 'customer_balance':
    case 'ach_credit_transfer':
    case 'sofort':
    case 'ideal':
    case 'bancontact':
    case 'giropay':
    case 'eps':
    case 'p24':
      return 'bank_transfer';
    case 'link':
    case 'paypal':
    case 'cashapp':
    case 'amazon_pay':
    case 'alipay':
    case 'wechat_pay':
    case 'revolut_pay':
    case 'klarna':
      return 'wallet';
    default:
      return 'other';
  }
}
