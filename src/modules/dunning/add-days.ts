const DAY_MS = 86_400_000;

/** `date` plus `days` whole days of 24 hours (dunning schedules count elapsed days, not calendar days). */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}
