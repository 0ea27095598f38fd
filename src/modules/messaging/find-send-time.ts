import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';

export type TSendingWindow = { start: string; end: string; days: readonly number[] } | null;

/**
 * When an email queued at `now` may go out: `now` when inside the sending window (or when there is no
 * window), else the next window start. Days and hours are local to `timezone`; PostgreSQL does the zone
 * arithmetic, so DST changes are right. A window whose end is not after its start runs past midnight and
 * belongs to the day it starts on.
 */
export async function findSendTime({
  db,
  now,
  timezone,
  window,
}: {
  db: TDb;
  now: Date;
  timezone: string;
  window: TSendingWindow;
}): Promise<Date> {
  if (!window) return now;
  const { rows } = await sql<{ send_at: Date | null }>`
    with days as (
      select d::date as day from generate_series(
        ((${now}::timestamptz at time zone ${timezone}::text)::date - 1)::timestamp,
        ((${now}::timestamptz at time zone ${timezone}::text)::date + 8)::timestamp,
        interval '1 day') d
      where extract(isodow from d)::int = any(${sql.val([...window.days])}::int[])
    ),
    windows as (
      select (day + ${window.start}::time) at time zone ${timezone}::text as opens,
        (day + ${window.end}::time
          + case when ${window.end}::time <= ${window.start}::time then interval '1 day' else interval '0' end)
          at time zone ${timezone}::text as closes
      from days
    )
    select case when exists (select 1 from windows where opens <= ${now}::timestamptz and ${now}::timestamptz < closes)
      then ${now}::timestamptz
      else (select min(opens) from windows where opens > ${now}::timestamptz) end as send_at`.execute(db);
  return rows[0]?.send_at ?? now;
}
