/** The calendar day of `now` in the workspace time zone (`YYYY-MM-DD`): what "overdue" and "today" mean. */
export function localToday(timezone: string, now: Date = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
