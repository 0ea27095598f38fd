export type TValueResult = string | { error: string };

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const NOT_A_DATE = 'is not a date (use YYYY-MM-DD or an ISO 8601 timestamp with offset)';
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A date or timestamp as shared/spec/data.md ("General rules") allows it: `YYYY-MM-DD` (kept as is; the
 * database places it at midnight in the workspace zone) or an ISO 8601 timestamp with Z or an offset,
 * returned as `YYYY-MM-DDTHH:MM:SS[.f]Z|±HH:MM`. Real calendar dates only. The shapes exports use
 * (`2024-03-01`, `2024-03-01T10:00:00Z`, `…+02:00`) are checked by character codes without allocating,
 * which matters at hundreds of thousands of rows per second; any other shape goes through the full regex.
 */
export function parseTimestamp(raw: string): TValueResult {
  const n = raw.length;
  if (n >= 10 && isDigits(raw, 0, 4) && raw.charCodeAt(4) === 45 && isDigits(raw, 5, 2)) {
    if (raw.charCodeAt(7) === 45 && isDigits(raw, 8, 2)) {
      const isDay = isCalendarDate(num(raw, 0, 4), num(raw, 5, 2), num(raw, 8, 2));
      if (n === 10) return isDay ? raw : invalid(raw);
      if (isDay && isCanonicalTime(raw)) return raw;
    }
  }
  return parseAnyTimestamp(raw);
}

/** `THH:MM:SS` then `Z` or `±HH:MM` (no fraction), in range. */
function isCanonicalTime(raw: string): boolean {
  const n = raw.length;
  if (n !== 20 && n !== 25) return false;
  if (raw.charCodeAt(10) !== 84 || raw.charCodeAt(13) !== 58 || raw.charCodeAt(16) !== 58) return false;
  if (!isDigits(raw, 11, 2) || !isDigits(raw, 14, 2) || !isDigits(raw, 17, 2)) return false;
  if (num(raw, 11, 2) > 23 || num(raw, 14, 2) > 59 || num(raw, 17, 2) > 59) return false;
  if (n === 20) return raw.charCodeAt(19) === 90;
  const sign = raw.charCodeAt(19);
  if ((sign !== 43 && sign !== 45) || raw.charCodeAt(22) !== 58) return false;
  return isDigits(raw, 20, 2) && isDigits(raw, 23, 2) && num(raw, 20, 2) <= 15 && num(raw, 23, 2) <= 59;
}

function parseAnyTimestamp(raw: string): TValueResult {
  const m = TIMESTAMP.exec(raw);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return invalid(raw);
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return invalid(raw);
  if (!m[8] && !m[9])
    return { error: `${quote(raw)} has no time zone offset (add Z or an offset such as +01:00)` };
  const offset = m[8] ? 'Z' : `${m[9]}${m[10]}:${m[11] ?? '00'}`;
  if (Number(m[10] ?? 0) > 15 || Number(m[11] ?? 0) > 59) return invalid(raw);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${offset}`;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && isLeap ? 29 : DAYS[month - 1]!);
}

function isDigits(raw: string, from: number, count: number): boolean {
  for (let i = from; i < from + count; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function num(raw: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + raw.charCodeAt(i) - 48;
  return n;
}

function invalid(raw: string): { error: string } {
  return { error: `${quote(raw)} ${NOT_A_DATE}` };
}

/** A value as quoted in error messages: JSON string, cut at 60 characters. */
export function quote(raw: string): string {
  return JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw);
}
