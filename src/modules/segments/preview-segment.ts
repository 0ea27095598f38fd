import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { accountRowColumns, type TAccountRow, type TAccountRowSql, toAccountRow } from './account-row.ts';
import { checkPage } from './search-accounts.ts';
import { prepareSegmentEvaluation } from './segment-evaluation.ts';
import { checkSegmentField, ZSegmentFilter } from './segment-shape.ts';

/** How many accounts a filter matches today and the first of them by name, without saving anything. */
export async function previewSegment({
  db,
  workspaceId,
  filter,
  limit = 20,
}: {
  db: TDb;
  workspaceId: string;
  filter: string;
  limit?: number;
}): Promise<{ filter: string; count: number; members: TAccountRow[] }> {
  checkSegmentField(ZSegmentFilter, 'filter', filter);
  checkPage(limit, 0);
  const { facts, where } = await prepareSegmentEvaluation({ db, workspaceId, filter });
  const { rows } = await sql<TAccountRowSql & { total: number }>`
    with ${facts}
    select ${accountRowColumns}, count(*) over () as total
    from account_facts f where ${where}
    order by f.name, f.id limit ${limit}`.execute(db);
  const count = rows.length ? Number(rows[0]!.total) : 0;
  return { filter, count, members: rows.map(toAccountRow) };
}
