/** `2024-01-30` + 3 → `2024-02-02`: calendar days on a `YYYY-MM-DD` day. */
export function addDays(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** Today's date in UTC, `YYYY-MM-DD` (the workspace's day is `todayIn` of src/http/today-in.ts). */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
