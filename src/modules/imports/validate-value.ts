import { currencyDigits } from './currency-digits.ts';
import type { TColumnType } from './import-types.ts';
import { parseTimestamp, quote as q, type TValueResult } from './parse-timestamp.ts';

export type { TValueResult } from './parse-timestamp.ts';

const DECIMAL = /^\d+(?:\.(\d+))?$/;
const SIGNED_DECIMAL = /^-?\d+(?:\.\d+)?$/;
const INTEGER = /^-?\d+$/;
const CURRENCY = /^[A-Za-z]{3}$/;
const BOOLEANS: Record<string, string> = {
  true: 'true',
  false: 'false',
  1: 'true',
  0: 'false',
  yes: 'true',
  no: 'false',
};
const localDateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Parses one non-empty, trimmed CSV value by the rules of shared/spec/data.md ("General rules") into the text
 * that is staged, or an error message. `currency` bounds an amount's decimals; `timezone` gives the local
 * date of a timestamp in a date column.
 */
export function validateValue(
  type: TColumnType,
  raw: string,
  ctx: { currency?: string; timezone: string },
): TValueResult {
  switch (type.kind) {
    case 'id':
    case 'ref':
      return raw.length > 255 ? { error: 'is longer than 255 characters' } : raw;
    case 'text':
      return raw;
    case 'timestamp':
      return parseTimestamp(raw);
    case 'date': {
      const parsed = parseTimestamp(raw);
      if (typeof parsed !== 'string' || parsed.length === 10) return parsed;
      return localDate(parsed, ctx.timezone);
    }
    case 'amount':
      return parseAmount(raw, ctx.currency);
    case 'decimal': {
      const ok = type.min ? DECIMAL.test(raw) : SIGNED_DECIMAL.test(raw);
      if (!ok) return { error: `${q(raw)} is not a number (use digits with "." as the decimal separator)` };
      if (type.min === 'positive' && !/[1-9]/.test(raw)) return { error: `${q(raw)} must be more than 0` };
      return raw;
    }
    case 'integer': {
      if (!INTEGER.test(raw)) return { error: `${q(raw)} is not a whole number` };
      const n = Number(raw);
      const { min, max } = type;
      if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
        const range = max === undefined ? `at least ${min}` : `between ${min} and ${max}`;
        return { error: `${q(raw)} must be ${range}` };
      }
      return String(n);
    }
    case 'boolean': {
      const value = BOOLEANS[raw.toLowerCase()];
      return value ?? { error: `${q(raw)} is not a boolean (use true/false, 1/0 or yes/no)` };
    }
    case 'enum': {
      const value = raw.toLowerCase();
      return type.values.includes(value)
        ? value
        : { error: `${q(raw)} is not one of ${type.values.join(', ')}` };
    }
    case 'currency':
      return CURRENCY.test(raw) && currencyDigits(raw) !== undefined
        ? raw.toUpperCase()
        : { error: `${q(raw)} is not an ISO 4217 currency code` };
    case 'json':
      return parseJsonObject(raw);
  }
}

function localDate(timestamp: string, timezone: string): string {
  let format = localDateFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    localDateFormats.set(timezone, format);
  }
  return format.format(new Date(timestamp));
}

function parseAmount(raw: string, currency: string | undefined): TValueResult {
  const decimals = countDecimals(raw);
  if (decimals < 0) {
    if (SIGNED_DECIMAL.test(raw)) {
      return {
        error: `${q(raw)} is negative: credit notes and refunds as negative amounts are not supported`,
      };
    }
    if (raw.includes(',')) {
      return {
        error: `${q(raw)} is not an amount: use "." as the decimal separator and no thousands separator`,
      };
    }
    return { error: `${q(raw)} is not an amount (use digits with "." as the decimal separator, e.g. 49.99)` };
  }
  const allowed = currency ? currencyDigits(currency) : undefined;
  if (allowed !== undefined && decimals > allowed) {
    return {
      error: `${q(raw)} has ${decimals} ${decimals === 1 ? 'decimal' : 'decimals'} but ${currency!.toUpperCase()} allows at most ${allowed}`,
    };
  }
  return raw;
}

/** Decimals of an unsigned decimal (`\d+(\.\d+)?`), or -1 when `raw` is not one: no regex match to allocate. */
function countDecimals(raw: string): number {
  let dot = -1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 46 && dot < 0 && i > 0) dot = i;
    else if (c < 48 || c > 57) return -1;
  }
  if (dot === raw.length - 1) return -1;
  return dot < 0 ? 0 : raw.length - dot - 1;
}

function parseJsonObject(raw: string): TValueResult {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return raw;
  } catch {}
  return { error: `${q(raw)} is not a JSON object` };
}
