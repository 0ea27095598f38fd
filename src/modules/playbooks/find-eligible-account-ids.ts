import { type RawBuilder, sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { compileFilter, filterUsesField } from '../segments/compile-filter.ts';
import { parseFilter } from '../segments/parse-filter.ts';
import { accountFactsCte } from '../segments/sql-account-facts.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import type { TPlaybookDefinition } from './playbook-definition.ts';

export type TConditions = NonNullable<TPlaybookDefinition['conditions']>;

/**
 * Which of `accountIds` meet every condition at `now`, in one statement over the segment facts
 * (sql-account-facts.ts: MRR, health, tier and stage as of today in the workspace time zone). Also
 * evaluates a branch's `if` (as `{ filter }`). Conditions:
 * - `segment_id`: a current member of the segment (as of its last refresh);
 * - `tiers` / `stages`: the account's computed tier / stage;
 * - `filter`: the segment filter language;
 * - `billing_interval`: an active, trialing or past-due subscription on a plan billed by that unit;
 * - `max_tenure_days`: a customer since (first `new` MRR movement; else the account's creation) at most
 *   that many days before today.
 */
export async function findEligibleAccountIds({
  db,
  workspaceId,
  accountIds,
  conditions,
  now,
}: {
  db: TDb;
  workspaceId: string;
  accountIds: string[];
  conditions: TConditions | undefined;
  now: Date;
}): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const workspace = await getWorkspace({ db, workspaceId });
  const today = todayIn(workspace.timezone, now);
  const tree = conditions?.filter ? parseFilter(conditions.filter) : undefined;
  const wheres: RawBuilder<unknown>[] = [sql`true`];
  if (tree) wheres.push(compileFilter(tree, workspace.timezone));
  if (conditions?.tiers) wheres.push(sql`f.tier = any(${conditions.tiers}::text[])`);
  if (conditions?.stages) wheres.push(sql`f.stage = any(${conditions.stages}::text[])`);
  if (conditions?.segment_id) {
    wheres.push(sql`exists (select 1 from segment_memberships m
      where m.workspace_id = ${workspaceId} and m.segment_id = ${conditions.segment_id} and m.account_id = f.id)`);
  }
  if (conditions?.billing_interval) {
    wheres.push(sql`exists (select 1 from subscriptions s
      join plans p on p.workspace_id = s.workspace_id and p.id = s.plan_id
      where s.workspace_id = ${workspaceId} and s.account_id = f.id
        and s.status in ('active', 'trialing', 'past_due') and p.interval_unit = ${conditions.billing_interval})`);
  }
  if (conditions?.max_tenure_days) {
    wheres.push(sql`coalesce(
      (select min(mv.date) from mrr_movements mv
        where mv.workspace_id = ${workspaceId} and mv.account_id = f.id and mv.type = 'new'),
      (f.created_at at time zone ${workspace.timezone}::text)::date
    ) >= ${today}::date - ${conditions.max_tenure_days}::int`);
  }
  const facts = accountFactsCte({
    workspaceId,
    today,
    accountIds,
    withNps: tree ? filterUsesField(tree, 'nps_latest') : false,
  });
  const { rows } = await sql<{ id: string }>`
    with ${facts}
    select f.id from account_facts f where ${sql.join(wheres, sql` and `)}`.execute(db);
  return new Set(rows.map((r) => r.id));
}
