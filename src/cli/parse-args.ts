import { InvalidArgumentError } from 'commander';
import { DATE_PATTERN, isCalendarDate, MONTH_PATTERN } from '../http/formats.ts';

/**
 * Parsers of option values. A bad value is a usage error: commander reports it as
 * `error: option '--from <YYYY-MM>' argument '2024-13' is invalid. …` and the CLI exits 2.
 */
export function parseMonth(value: string): string {
  if (!MONTH_PATTERN.test(value)) throw new InvalidArgumentError('expected a month YYYY-MM.');
  return value;
}

export function parseDate(value: string): string {
  if (!DATE_PATTERN.test(value)) throw new InvalidArgumentError('expected a date YYYY-MM-DD.');
  if (!isCalendarDate(value)) throw new InvalidArgumentError('not a calendar date.');
  return value;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a whole number of at least 1.');
  }
  return n;
}

export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('expected a port number 0–65535.');
  return n;
}
