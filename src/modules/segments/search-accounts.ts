import { type RawBuilder, sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { todayIn } from '../../http/today-in.ts';
import { withAnalyticsSettings } from '../revenue/sql-settings.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { accountRowColumns, type TAccountRow, type TAccountRowSql, toAccountRow } from './account-row.ts';
import { TIERS } from './filter-fields.ts';
import { prepareSegmentEvaluation } from './segment-evaluation.ts';
import { accountFactsCte } from './sql-account-facts.ts';

export const ACCOUNT_SORTS = ['name', 'mrr', 'health_score', 'tier', 'stage', 'created_at'] as const;
export type TAccountSort = (typeof ACCOUNT_SORTS)[number] | `-${(typeof ACCOUNT_SORTS)[number]}`;

export type TSearchAccountsInput = {
  db: TDb;
  workspaceId: string;
  tier?: string;
  stage?: string;
  segmentId?: string;
  /** A segment filter (parse-filter.ts), evaluated now. */
  filter?: string;
  /** Case-insensitive text in the id, name or owner email. */
  q?: string;
  /** A field of ACCOUNT_SORTS, `-` first for descending (default `name`); ties by id. */
  sort?: string;
  limit?: number;
  offset?: number;
};

export const MAX_PAGE = 10_000;

/** limit 1..MAX_PAGE, offset ≥ 0, as bad input otherwise. */
export function checkPage(limit: number, offset: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    throw new AppError('invalid_input', `limit: expected a whole number from 1 to ${MAX_PAGE}, got ${limit}`);
  if (!Number.isInteger(offset) || offset < 0)
    throw new AppError('invalid_input', `offset: expected a whole number ≥ 0, got ${offset}`);
}

/**
 * The account table of the dashboard and `tenure accounts`: accounts with their MRR, tier, stage and
 * health today, narrowed by tier, stage, segment membership, a filter and a search text, sorted and paged,
 * with the total that matched (for the pager).
 */
export async function searchAccounts(
  input: TSearchAccountsInput,
): Promise<{ total: number; limit: number; offset: number; accounts: TAccountRow[] }> {
  const { db, workspaceId, limit = 50, offset = 0 } = input;
  checkPage(limit, offset);
  if (input.tier !== undefined && !(TIERS as readonly string[]).includes(input.tier))
    throw new AppError('invalid_input', `tier: expected one of ${TIERS.join(', ')}, got "${input.tier}"`);
  const order = orderBy(input.sort ?? 'name');
  let facts: RawBuilder<unknown>;
  let where: RawBuilder<boolean> = sql<boolean>`true`;
  let today: string;
  if (input.filter !== undefined) {
    ({ facts, where, today } = await prepareSegmentEvaluation({ db, workspaceId, filter: input.filter }));
  } else {
    const workspace = await getWorkspace({ db, workspaceId });
    today = todayIn(workspace.timezone);
    facts = accountFactsCte({ workspaceId, today });
  }
  const conditions = [where];
  if (input.tier !== undefined) conditions.push(sql<boolean>`f.tier = ${input.tier}`);
  if (input.stage !== undefined) conditions.push(sql<boolean>`f.stage = ${input.stage}`);
  if (input.segmentId !== undefined) {
    conditions.push(sql<boolean>`exists (select 1 from segment_memberships m where m.workspace_id = ${workspaceId}
      and m.segment_id = ${input.segmentId} and m.account_id = f.id)`);
  }
  if (input.q) {
    const q = input.q.toLowerCase();
    conditions.push(sql<boolean>`(strpos(lower(f.id), ${q}) > 0 or strpos(lower(f.name), ${q}) > 0
      or strpos(lower(coalesce(f.owner_email, '')), ${q}) > 0)`);
  }
  // The page's ids first, selecting nothing else: PostgreSQL then drops the joins of account_facts that
  // neither the conditions nor the sort use (sorted by name, the latest MRR and health of 100,000 accounts
  // are never looked up); the rows are then built for the page's accounts alone.
  const page = await withAnalyticsSettings(db, (trx) =>
    sql<{ id: string; total: number }>`
      with ${facts}
      select f.id, count(*) over () as total
      from account_facts f
      where ${sql.join(conditions, sql` and `)}
      order by ${order}, f.id
      limit ${limit} offset ${offset}`.execute(trx),
  );
  let total = page.rows.length ? Number(page.rows[0]!.total) : 0;
  if (page.rows.length === 0 && offset > 0) {
    const counted = await sql<{ total: number }>`
      with ${facts} select count(*) as total from account_facts f where ${sql.join(conditions, sql` and `)}`.execute(
      db,
    );
    total = Number(counted.rows[0]!.total);
  }
  const ids = page.rows.map((r) => r.id);
  if (ids.length === 0) return { total, limit, offset, accounts: [] };
  const { rows } = await sql<TAccountRowSql>`
    with ${accountFactsCte({ workspaceId, today, accountIds: ids })}
    select ${accountRowColumns} from account_facts f`.execute(db);
  const byId = new Map(rows.map((r) => [r.account_id, r]));
  return { total, limit, offset, accounts: ids.map((id) => toAccountRow(byId.get(id)!)) };
}

function orderBy(sort: string): RawBuilder<unknown> {
  const isDescending = sort.startsWith('-');
  const field = isDescending ? sort.slice(1) : sort;
  if (!(ACCOUNT_SORTS as readonly string[]).includes(field)) {
    throw new AppError(
      'invalid_input',
      `sort: expected one of ${ACCOUNT_SORTS.join(', ')} (with - first for descending), got "${sort}"`,
    );
  }
  // The field name comes from the fixed list above, never from the request as such.
  return sql`${sql.ref(`f.${field}`)} ${sql.raw(isDescending ? 'desc' : 'asc')} nulls last`;
}
