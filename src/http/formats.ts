/**
 * Formats of parameters shared by the HTTP API and the CLI (shared/spec/cli.md), free of any dependency so
 * that the CLI can use them without loading the HTTP stack.
 */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Periods of shared/spec/metrics.md: "calendar months (or days, weeks, quarters, years)". */
export const INTERVALS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type TInterval = (typeof INTERVALS)[number];

export const MOVEMENT_TYPES = ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const;
export type TMovementType = (typeof MOVEMENT_TYPES)[number];

/** `YYYY-MM-DD` naming a real day (no 2024-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
