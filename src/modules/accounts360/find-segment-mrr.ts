import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { money, toNumber } from '../revenue/sql-rounding.ts';
import { withAnalyticsSettings } from '../revenue/sql-settings.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';

export type TSegmentMrr = { segment_id: string; members: number; customers: number; mrr: number };

/**
 * Each segment's members (as of its last refresh) and their MRR on local day `at` (default today): the
 * sum of each member's latest `mrr_after`, the figure the account table shows per row. For the segment
 * list, so a segment reads as "how much revenue is this group".
 */
export async function findSegmentMrr({
  db,
  workspaceId,
  at,
}: {
  db: TDb;
  workspaceId: string;
  at?: string;
}): Promise<{ date: string; currency: string; segments: TSegmentMrr[] }> {
  const workspace = await getWorkspace({ db, workspaceId });
  const day = at ?? todayIn(workspace.timezone);
  // Every account's latest movement in one ordered pass of mrr_movements_latest, then joined: a big segment
  // (tens of thousands of members) would otherwise cost one index probe per member.
  const { rows } = await withAnalyticsSettings(db, (trx) =>
    sql<{ segment_id: string; members: number; customers: number; mrr: string }>`
      select s.id as segment_id, count(sm.account_id) as members,
        count(*) filter (where coalesce(m.mrr_after, 0) > 0) as customers,
        ${money(sql`coalesce(sum(m.mrr_after), 0)`)} as mrr
      from segments s
      left join segment_memberships sm on sm.workspace_id = s.workspace_id and sm.segment_id = s.id
      left join (
        select distinct on (account_id) account_id, mrr_after from mrr_movements
        where workspace_id = ${workspaceId} and date <= ${day}::date
        order by account_id, date desc
      ) m on m.account_id = sm.account_id
      where s.workspace_id = ${workspaceId}
      group by s.id
      order by s.id`.execute(trx),
  );
  return {
    date: day,
    currency: workspace.reportingCurrency,
    segments: rows.map((r) => ({
      segment_id: r.segment_id,
      members: Number(r.members),
      customers: Number(r.customers),
      mrr: toNumber(r.mrr)!,
    })),
  };
}
