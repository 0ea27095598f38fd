import { type RawBuilder, sql } from 'kysely';
import { periodStartOf, type TInterval } from '../revenue/sql-periods.ts';

/**
 * What every customer success CTE needs to know about the report: whose rows, which periods, and the
 * workspace's clock. Timestamps fall into periods by their day in the workspace time zone
 * (shared/spec/metrics.md: "Periods are calendar months … in the workspace time zone").
 */
export type TSuccessScope = {
  workspaceId: string;
  reportingCurrency: string;
  /** The instant `ts` as a local timestamp (without zone) of the workspace. */
  local(ts: RawBuilder<unknown>): RawBuilder<unknown>;
  /** The first day of the period holding the instant `ts`, to join with `periods.p_start`. */
  bucket(ts: RawBuilder<unknown>): RawBuilder<unknown>;
  /**
   * `ts` within the reported range: an instant comparison (not a per-row zone conversion), so that an index
   * on the timestamp can bound the scan.
   */
  inRange(ts: RawBuilder<unknown>): RawBuilder<unknown>;
  /** `<column> = any(accounts)` when the report is filtered to some accounts, else `true`. */
  inAccounts(column: RawBuilder<unknown>): RawBuilder<unknown>;
  /** True when the figures are those of some accounts rather than the whole workspace. */
  isFiltered: boolean;
};

export function createSuccessScope(input: {
  workspaceId: string;
  reportingCurrency: string;
  timezone: string;
  interval: TInterval;
  accountIds?: readonly string[];
}): TSuccessScope {
  const { timezone, interval, accountIds } = input;
  const local = (ts: RawBuilder<unknown>) => sql`timezone(${timezone}::text, ${ts})`;
  return {
    workspaceId: input.workspaceId,
    reportingCurrency: input.reportingCurrency,
    local,
    bucket: (ts) => periodStartOf(interval, local(ts)),
    inRange: (ts) => sql`${ts} >= (select first_ts from bounds) and ${ts} < (select last_ts from bounds)`,
    inAccounts: (column) => (accountIds ? sql`${column} = any(${[...accountIds]}::text[])` : sql`true`),
    isFiltered: accountIds !== undefined,
  };
}

/**
 * CTEs `spans(period, p_start, p_end, start_ts, end_ts)` — each period's first and last day with the
 * instants they begin and end in the workspace time zone — and `bounds` over all of them. Needs `periods`.
 */
export function spansCtes(timezone: string): RawBuilder<unknown> {
  return sql`spans as (
    select period, p_start, p_end, timezone(${timezone}::text, p_start::timestamp) as start_ts,
      timezone(${timezone}::text, (p_end + 1)::timestamp) as end_ts
    from periods
  ),
  bounds as (
    select min(p_start) as first_start, max(p_end) as last_end, min(start_ts) as first_ts, max(end_ts) as last_ts
    from spans
  )`;
}
