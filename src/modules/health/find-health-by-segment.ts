import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { withAnalyticsSettings } from '../revenue/sql-settings.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { findLatestScoredDay } from './find-latest-scored-day.ts';

export type THealthBySegment = {
  segment_id: string;
  name: string;
  /** Members as of the segment's last refresh. */
  members: number;
  red: number;
  yellow: number;
  green: number;
  /** Members without any stored score on or before the day. */
  unscored: number;
};

/**
 * Every segment (by name, as GET /v1/segments lists them) with its members per health band on local day
 * `at` (default today): each member's latest stored score on or before that day, the band the account
 * table shows and a `health_band` filter matches. One query for every segment.
 */
export async function findHealthBySegment({
  db,
  workspaceId,
  at,
}: {
  db: TDb;
  workspaceId: string;
  at?: string;
}): Promise<{ date: string; segments: THealthBySegment[] }> {
  const workspace = await getWorkspace({ db, workspaceId });
  const date = at ?? todayIn(workspace.timezone);
  // A member's latest score on or before `date` is its row of the latest scored day (one range of
  // health_scores_day, hashed and joined with every membership); only a member without one (not scored
  // that day: no data left, or new) is probed for an earlier score, and only when the workspace has one.
  // Probing every member instead costs one index descent each: seconds at 100,000 accounts (issue 5).
  const { day, hasEarlier } = await findLatestScoredDay({ db, workspaceId, onOrBefore: date });
  const earlier = hasEarlier
    ? sql`left join lateral (
        select p.band from health_scores p
        where h.account_id is null and sm.account_id is not null
          and p.workspace_id = ${workspaceId} and p.account_id = sm.account_id and p.date < ${day}::date
        order by p.date desc
        limit 1
      ) e on true`
    : sql`left join (select null::text as band) e on true`;
  const { rows } = await withAnalyticsSettings(db, (trx) =>
    sql<{
      segment_id: string;
      name: string;
      members: string;
      red: string;
      yellow: string;
      green: string;
    }>`
      select s.id as segment_id, s.name, count(sm.account_id) as members,
        count(*) filter (where coalesce(h.band, e.band) = 'red') as red,
        count(*) filter (where coalesce(h.band, e.band) = 'yellow') as yellow,
        count(*) filter (where coalesce(h.band, e.band) = 'green') as green
      from segments s
      left join segment_memberships sm on sm.workspace_id = s.workspace_id and sm.segment_id = s.id
      left join health_scores h
        on h.workspace_id = sm.workspace_id and h.date = ${day}::date and h.account_id = sm.account_id
      ${earlier}
      where s.workspace_id = ${workspaceId}
      group by s.workspace_id, s.id
      order by s.name, s.id`.execute(trx),
  );
  return {
    date,
    segments: rows.map((r) => {
      const [members, red, yellow, green] = [r.members, r.red, r.yellow, r.green].map(Number) as [
        number,
        number,
        number,
        number,
      ];
      return {
        segment_id: r.segment_id,
        name: r.name,
        members,
        red,
        yellow,
        green,
        unscored: members - red - yellow - green,
      };
    }),
  };
}
