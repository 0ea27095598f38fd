import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { prepareSegmentEvaluation } from './segment-evaluation.ts';

export type TSegmentRefresh = { id: string; members: number; entered: number; left: number };

/**
 * Recomputes segment membership, set-based: one statement per segment inserts the accounts that now match
 * and deletes those that no longer do, and writes a `segment_entered` / `segment_left` lifecycle event for
 * each row it actually inserted or deleted. So a refresh that changes nothing writes nothing, and two
 * refreshes racing on the server cannot both record the same entry (the second waits on the membership's
 * primary key and then inserts nothing). `accountIds` limits the work to those accounts (the health
 * refresher's per-account path); other accounts' memberships are left as they are.
 */
export async function refreshSegments({
  db,
  workspaceId,
  segmentIds,
  accountIds,
}: {
  db: TDb;
  workspaceId: string;
  segmentIds?: string[];
  accountIds?: string[];
}): Promise<{ segments: TSegmentRefresh[] }> {
  if (!db.isTransaction) {
    return db
      .transaction()
      .execute((trx) => refreshSegments({ db: trx, workspaceId, segmentIds, accountIds }));
  }
  let query = db.selectFrom('segments').select(['id', 'filter']).where('workspace_id', '=', workspaceId);
  if (segmentIds) query = query.where('id', 'in', segmentIds.length ? segmentIds : ['']);
  const segments = await query.orderBy('id').execute();
  const missing = segmentIds?.filter((id) => !segments.some((s) => s.id === id)) ?? [];
  if (missing.length) throw new AppError('not_found', `no segment "${missing[0]}" in this workspace`);

  const results: TSegmentRefresh[] = [];
  for (const segment of segments) {
    const { facts, where } = await prepareSegmentEvaluation({
      db,
      workspaceId,
      filter: segment.filter,
      accountIds,
    });
    const scope = accountIds ? sql`and m.account_id = any(${accountIds}::text[])` : sql``;
    const { rows } = await sql<{ entered: number; left: number }>`
      with ${facts},
      matched as (select f.id from account_facts f where ${where}),
      entered as (
        insert into segment_memberships (workspace_id, segment_id, account_id)
        select ${workspaceId}, ${segment.id}, id from matched
        on conflict do nothing
        returning account_id
      ),
      departed as (
        delete from segment_memberships m
        where m.workspace_id = ${workspaceId} and m.segment_id = ${segment.id} ${scope}
          and not exists (select 1 from matched x where x.id = m.account_id)
        returning m.account_id
      ),
      entered_events as (
        insert into lifecycle_events (workspace_id, account_id, type, segment_id)
        select ${workspaceId}, account_id, 'segment_entered', ${segment.id} from entered
        returning 1
      ),
      left_events as (
        insert into lifecycle_events (workspace_id, account_id, type, segment_id)
        select ${workspaceId}, account_id, 'segment_left', ${segment.id} from departed
        returning 1
      )
      select (select count(*) from entered_events) as entered, (select count(*) from left_events) as left`.execute(
      db,
    );
    const count = await db
      .selectFrom('segment_memberships')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('segment_id', '=', segment.id)
      .executeTakeFirstOrThrow();
    results.push({
      id: segment.id,
      members: Number(count.n),
      entered: Number(rows[0]!.entered),
      left: Number(rows[0]!.left),
    });
  }
  return { segments: results };
}
