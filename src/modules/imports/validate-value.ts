import { currencyDigits } from './currency-digits.ts';
import type { TColumnType } from './import-types.ts';

export type TValueResult = { value: string } | { error: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const DECIMAL = /^\d+(?:\.(\d+))?$/;
const SIGNED_DECIMAL = /^-?\d+(?:\.\d+)?$/;
const INTEGER = /^-?\d+$/;
const BOOLEANS: Record<string, string> = {
  true: 'true',
  false: 'false',
  1: 'true',
  0: 'false',
  yes: 'true',
  no: 'false',
};
const NOT_A_DATE = 'is not a date (use YYYY-MM-DD or an ISO 8601 timestamp with offset)';
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
      return raw.length > 255 ? { error: 'is longer than 255 characters' } : { value: raw };
    case 'text':
      return { value: raw };
    case 'timestamp':
      return parseTimestamp(raw);
    case 'date': {
      const parsed = parseTimestamp(raw);
      if ('error' in parsed || parsed.value.length === 10) return parsed;
      return { value: localDate(parsed.value, ctx.timezone) };
    }
    case 'amount':
      return parseAmount(raw, ctx.currency);
    case 'decimal': {
      const ok = type.min ? DECIMAL.test(raw) : SIGNED_DECIMAL.test(raw);
      if (!ok) return { error: `${q(raw)} is not a number (use digits with "." as the decimal separator)` };
      if (type.min === 'positive' && !/[1-9]/.test(raw)) return { error: `${q(raw)} must be more than 0` };
      return { value: raw };
    }
    case 'integer': {
      if (!INTEGER.test(raw)) return { error: `${q(raw)} is not a whole number` };
      const n = Number(raw);
      const { min, max } = type;
      if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
        const range = max === undefined ? `at least ${min}` : `between ${min} and ${max}`;
        return { error: `${q(raw)} must be ${range}` };
      }
      return { value: String(n) };
    }
    case 'boolean': {
      const value = BOOLEANS[raw.toLowerCase()];
      return value ? { value } : { error: `${q(raw)} is not a boolean (use true/false, 1/0 or yes/no)` };
    }
    case 'enum': {
      const value = raw.toLowerCase();
      return type.values.includes(value)
        ? { value }
        : { error: `${q(raw)} is not one of ${type.values.join(', ')}` };
    }
    case 'currency':
      return /^[A-Za-z]{3}$/.test(raw) && currencyDigits(raw) !== undefined
        ? { value: raw.toUpperCase() }
        : { error: `${q(raw)} is not an ISO 4217 currency code` };
    case 'json':
      return parseJsonObject(raw);
  }
}

function q(raw: string): string {
  return JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw);
}

/** A plain date stays `YYYY-MM-DD` (the database places it at midnight in the workspace zone). */
function parseTimestamp(raw: string): TValueResult {
  const plain = DATE.exec(raw);
  if (plain) return isCalendarDate(plain) ? { value: raw } : { error: `${q(raw)} ${NOT_A_DATE}` };
  const m = TIMESTAMP.exec(raw);
  if (!m || !isCalendarDate(m)) return { error: `${q(raw)} ${NOT_A_DATE}` };
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return { error: `${q(raw)} ${NOT_A_DATE}` };
  if (!m[8] && !m[9])
    return { error: `${q(raw)} has no time zone offset (add Z or an offset such as +01:00)` };
  const offset = m[8] ? 'Z' : `${m[9]}${m[10]}:${m[11] ?? '00'}`;
  if (Number(m[10] ?? 0) > 15 || Number(m[11] ?? 0) > 59) return { error: `${q(raw)} ${NOT_A_DATE}` };
  return { value: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${offset}` };
}

function isCalendarDate(m: RegExpExecArray): boolean {
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
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
  const m = DECIMAL.exec(raw);
  if (!m) {
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
  const decimals = m[1]?.length ?? 0;
  const allowed = currency ? currencyDigits(currency) : undefined;
  if (allowed !== undefined && decimals > allowed) {
    return {
      error: `${q(raw)} has ${decimals} ${decimals === 1 ? 'decimal' : 'decimals'} but ${currency!.toUpperCase()} allows at most ${allowed}`,
    };
  }
  return { value: raw };
}

function parseJsonObject(raw: string): TValueResult {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return { value: raw };
  } catch {}
  return { error: `${q(raw)} is not a JSON object` };
}
