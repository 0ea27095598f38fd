/** Today's date `YYYY-MM-DD` in a time zone: "at date D" is a day of the workspace (shared/spec/metrics.md). */
export function todayIn(timeZone: string, now = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
