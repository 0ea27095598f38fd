import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { findKeyFeatures } from './find-key-features.ts';
import { SIGNAL_EVENTS } from './usage-events.ts';

/**
 * An account's product usage as of the end of a local day `at` (only days ≤ at). "Events" are the summed
 * `quantity` of usage events (a row may stand for many uses, as in the demo), without relationship
 * signals (SIGNAL_EVENTS); active users are distinct contacts with a usage event in the window; windows
 * end on `at` inclusive: 7 days = at−6…at, 30 days = at−29…at, the 30 before = at−59…at−30.
 */
export type TUsageSummary = {
  active_users_7d: number;
  active_users_30d: number;
  events_30d: number;
  events_prev_30d: number;
  /** (events_30d − events_prev_30d) / events_prev_30d, 6 decimals; null when the previous 30 days had none. */
  trend_30d: number | null;
  /** Days from the last day with a usage event to `at` (0 = active on `at`); null = never active. */
  days_since_last_activity: number | null;
  /** Share 0..1 of the key features (findKeyFeatures) used in the last 30 days; null when there are none. */
  adoption_breadth: number | null;
  /** active_users_30d / the account's numeric `seats` attribute when it is > 0; else null. */
  seat_utilisation: number | null;
};

export type TFindUsageSummariesInput = {
  db: TDb;
  workspaceId: string;
  at: string;
  /** Only these accounts (unknown ids are left out); default every account of the workspace. */
  accountIds?: readonly string[];
  /** Key features to measure adoption against; default findKeyFeatures at `at`. */
  keyFeatures?: readonly string[];
};

type TRow = {
  account_id: string;
  users_7d: number;
  users_30d: number;
  events_30d: number;
  events_prev_30d: number;
  features_used: number;
  last_day: string | null;
  seats: number | null;
};

/**
 * The usage summary of every account of the workspace (or of `accountIds`), keyed by account id, in
 * account id order. Three aggregates over the rollups in one statement, whatever the number of accounts:
 * 60 days of `usage_daily`, 30 days of `usage_daily_users`, and the last active day per account by an
 * index probe (not a scan of the whole history).
 */
export async function findUsageSummaries(
  input: TFindUsageSummariesInput,
): Promise<Map<string, TUsageSummary>> {
  const { db, workspaceId, at, accountIds } = input;
  const keyFeatures = [...new Set(input.keyFeatures ?? (await findKeyFeatures({ db, workspaceId, at })))];
  const only = (column: string) =>
    accountIds ? sql`and ${sql.ref(column)} = any(${[...accountIds]}::text[])` : sql``;
  const day = sql`${at}::date`;
  const { rows } = await sql<TRow>`
    with usage as (
      select u.account_id,
        sum(u.quantity) filter (where u.day > ${day} - 30 and u.name <> all(${SIGNAL_EVENTS}::text[]))
          as events_30d,
        sum(u.quantity) filter (where u.day <= ${day} - 30 and u.name <> all(${SIGNAL_EVENTS}::text[]))
          as events_prev_30d,
        count(distinct u.name) filter (where u.day > ${day} - 30 and u.name = any(${[...keyFeatures]}::text[]))
          as features_used
      from usage_daily u
      where u.workspace_id = ${workspaceId} and u.day > ${day} - 60 and u.day <= ${day} ${only('u.account_id')}
      group by u.account_id
    ),
    users as (
      select u.account_id,
        count(distinct u.contact_id) filter (where u.day > ${day} - 7) as users_7d,
        count(distinct u.contact_id) as users_30d
      from usage_daily_users u
      where u.workspace_id = ${workspaceId} and u.day > ${day} - 30 and u.day <= ${day} ${only('u.account_id')}
      group by u.account_id
    )
    select a.id as account_id,
      coalesce(us.users_7d, 0) as users_7d,
      coalesce(us.users_30d, 0) as users_30d,
      coalesce(u.events_30d, 0)::float8 as events_30d,
      coalesce(u.events_prev_30d, 0)::float8 as events_prev_30d,
      coalesce(u.features_used, 0) as features_used,
      (select max(x.day) from usage_daily x
        where x.workspace_id = a.workspace_id and x.account_id = a.id and x.day <= ${day}
          and x.name <> all(${SIGNAL_EVENTS}::text[])) as last_day,
      case when jsonb_typeof(a.attributes -> 'seats') = 'number' and (a.attributes ->> 'seats')::numeric > 0
        then (a.attributes ->> 'seats')::float8 end as seats
    from accounts a
    left join usage u on u.account_id = a.id
    left join users us on us.account_id = a.id
    where a.workspace_id = ${workspaceId} ${only('a.id')}
    order by a.id`.execute(db);
  const atTime = Date.parse(`${at}T00:00:00Z`);
  const summaries = new Map<string, TUsageSummary>();
  for (const row of rows) {
    summaries.set(row.account_id, {
      active_users_7d: row.users_7d,
      active_users_30d: row.users_30d,
      events_30d: row.events_30d,
      events_prev_30d: row.events_prev_30d,
      trend_30d:
        row.events_prev_30d > 0 ? round6((row.events_30d - row.events_prev_30d) / row.events_prev_30d) : null,
      days_since_last_activity:
        row.last_day === null
          ? null
          : Math.round((atTime - Date.parse(`${row.last_day}T00:00:00Z`)) / 86_400_000),
      adoption_breadth: keyFeatures.length > 0 ? round6(row.features_used / keyFeatures.length) : null,
      seat_utilisation: row.seats ? round6(row.users_30d / row.seats) : null,
    });
  }
  return summaries;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
