import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { SIGNAL_EVENTS } from './usage-events.ts';

/** A chart's range is at most this many days (three years). */
const MAX_DAYS = 1096;

export type TDailyUsage = {
  account_id: string;
  from: string;
  to: string;
  /** Every day of the range, oldest first, zeros included (a chart needs the gaps). */
  days: {
    date: string;
    /** Summed quantity of usage events (relationship signals left out, as in findUsageSummaries). */
    events: number;
    active_users: number;
    /** Summed quantity per event name, signals included, names with none that day left out. */
    by_name: Record<string, number>;
  }[];
  /** Each event name of the range: summed quantity, event rows and the days it was used on. */
  names: { name: string; events: number; rows: number; active_days: number }[];
};

/**
 * Day-by-day usage of one account over local days `from`…`to` (inclusive), from the rollups: totals and
 * per event name, for charts. `not_found` when the account is not in the workspace.
 */
export async function findDailyUsage({
  db,
  workspaceId,
  accountId,
  from,
  to,
}: {
  db: TDb;
  workspaceId: string;
  accountId: string;
  from: string;
  to: string;
}): Promise<TDailyUsage> {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (!(days >= 1)) throw new AppError('invalid_input', `from ${from} is after to ${to}`);
  if (days > MAX_DAYS) throw new AppError('invalid_input', `at most ${MAX_DAYS} days at once, not ${days}`);
  const account = await db
    .selectFrom('accounts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account) throw new AppError('not_found', `account "${accountId}" not found`);
  const { rows: named } = await sql<{ day: string; name: string; events: number; rows: number }>`
    select day, name, quantity::float8 as events, events as rows from usage_daily
    where workspace_id = ${workspaceId} and account_id = ${accountId}
      and day >= ${from}::date and day <= ${to}::date
    order by day, name`.execute(db);
  const { rows: users } = await sql<{ day: string; users: number }>`
    select day, count(*) as users from usage_daily_users
    where workspace_id = ${workspaceId} and account_id = ${accountId}
      and day >= ${from}::date and day <= ${to}::date
    group by day`.execute(db);
  const byDay = new Map<string, TDailyUsage['days'][number]>();
  const start = Date.parse(`${from}T00:00:00Z`);
  for (let i = 0; i < days; i++) {
    const date = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    byDay.set(date, { date, events: 0, active_users: 0, by_name: {} });
  }
  const names = new Map<string, TDailyUsage['names'][number]>();
  for (const row of named) {
    const day = byDay.get(row.day)!;
    day.by_name[row.name] = row.events;
    if (!SIGNAL_EVENTS.includes(row.name)) day.events += row.events;
    const total = names.get(row.name) ?? { name: row.name, events: 0, rows: 0, active_days: 0 };
    total.events += row.events;
    total.rows += row.rows;
    total.active_days += 1;
    names.set(row.name, total);
  }
  for (const row of users) byDay.get(row.day)!.active_users = row.users;
  // Quantities may be decimal: keep float sums like 0.1 + 0.2 readable.
  for (const day of byDay.values()) day.events = round6(day.events);
  for (const total of names.values()) total.events = round6(total.events);
  return {
    account_id: accountId,
    from,
    to,
    days: [...byDay.values()],
    names: [...names.values()].sort((a, b) => b.events - a.events || a.name.localeCompare(b.name)),
  };
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
