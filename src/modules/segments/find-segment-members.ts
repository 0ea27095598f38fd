import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { accountRowColumns, type TAccountRow, type TAccountRowSql, toAccountRow } from './account-row.ts';
import { getSegment } from './get-segment.ts';
import { checkPage } from './search-accounts.ts';
import type { TSegment } from './segment-shape.ts';
import { accountFactsCte } from './sql-account-facts.ts';

export type TSegmentMember = TAccountRow & { entered_at: string };

/**
 * A page of a segment's members (as of its last refresh), by name, with their MRR, tier, stage and health
 * today. Only the page's accounts have their facts computed.
 */
export async function findSegmentMembers({
  db,
  workspaceId,
  segmentId,
  limit = 100,
  offset = 0,
}: {
  db: TDb;
  workspaceId: string;
  segmentId: string;
  limit?: number;
  offset?: number;
}): Promise<{ segment: TSegment; total: number; members: TSegmentMember[] }> {
  checkPage(limit, offset);
  const segment = await getSegment({ db, workspaceId, segmentId });
  const page = await db
    .selectFrom('segment_memberships as m')
    .innerJoin('accounts as a', (join) =>
      join.onRef('a.workspace_id', '=', 'm.workspace_id').onRef('a.id', '=', 'm.account_id'),
    )
    .select(['m.account_id', 'm.entered_at'])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.segment_id', '=', segmentId)
    .orderBy('a.name')
    .orderBy('a.id')
    .limit(limit)
    .offset(offset)
    .execute();
  if (page.length === 0) return { segment, total: segment.member_count, members: [] };
  const workspace = await getWorkspace({ db, workspaceId });
  const accountIds = page.map((row) => row.account_id);
  const facts = accountFactsCte({ workspaceId, today: todayIn(workspace.timezone), accountIds });
  const { rows } =
    await sql<TAccountRowSql>`with ${facts} select ${accountRowColumns} from account_facts f`.execute(db);
  const byId = new Map(rows.map((row) => [row.account_id, toAccountRow(row)]));
  return {
    segment,
    total: segment.member_count,
    members: page.map((row) => ({ ...byId.get(row.account_id)!, entered_at: row.entered_at.toISOString() })),
  };
}
