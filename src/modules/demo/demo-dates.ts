/**
 * Dates of the demo are whole UTC days counted from 1970-01-01 (plain integers are fast and exact for a
 * simulation of millions of days); these helpers turn them into the `YYYY-MM-DD` and ISO 8601 strings of
 * shared/spec/data.md "General rules".
 */
const DAY_MS = 86_400_000;

export function parseDay(isoDate: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new Error(`not a date: ${isoDate}`);
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** An instant on that day, `minute` minutes after midnight UTC. */
export function formatInstant(day: number, minute: number): string {
  const m = Math.max(0, Math.min(1439, Math.floor(minute)));
  const hh = String(Math.floor(m / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return `${formatDay(day)}T${hh}:${mm}:00Z`;
}

/** The same day of month `months` later; billing anchors are kept on days 1–28 so this is always exact. */
export function addMonths(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()) / DAY_MS);
}

export function dayOfMonth(day: number): number {
  return new Date(day * DAY_MS).getUTCDate();
}

/** The Monday on or before the day (ISO weeks). */
export function mondayOf(day: number): number {
  // 1970-01-01 was a Thursday: day 0 has ISO weekday 4.
  return day - ((day + 3) % 7);
}

export function firstOfMonth(day: number): number {
  return day - dayOfMonth(day) + 1;
}

/** Minor units (cents) as a decimal string in the major unit: integers only, never floating point. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
