import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';

/**
 * Today's MRR of each group of accounts, in the reporting currency, rounded to cents: the sum over its
 * distinct accounts of `mrr_after` of the account's latest MRR movement on or before today (workspace time
 * zone) — an account's MRR only changes on a movement (shared/spec/metrics.md "MRR movements"), so that is
 * its MRR now; 0 after churn, nothing for an account that never paid. Summed in SQL on exact numerics.
 * The movements table is the revenue module's; it has no per-account function for this yet.
 */
export async function sumThemeMrr({
  db,
  workspaceId,
  timezone,
  groups,
}: {
  db: TDb;
  workspaceId: string;
  timezone: string;
  groups: ReadonlyMap<string, ReadonlySet<string>>;
}): Promise<Map<string, number>> {
  const keys: string[] = [];
  const accountIds: string[] = [];
  for (const [key, accounts] of groups) {
    for (const accountId of accounts) {
      keys.push(key);
      accountIds.push(accountId);
    }
  }
  const result = new Map<string, number>([...groups.keys()].map((key) => [key, 0]));
  if (keys.length === 0) return result;
  const { rows } = await sql<{ key: string; mrr: string }>`
    with pairs as (
      select p.key, p.account_id from unnest(${keys}::text[], ${accountIds}::text[]) as p(key, account_id)
    ),
    latest as (
      select distinct on (m.account_id) m.account_id, m.mrr_after
      from mrr_movements m
      where m.workspace_id = ${workspaceId} and m.date <= (now() at time zone ${timezone}::text)::date
        and m.account_id in (select account_id from pairs)
      order by m.account_id, m.date desc
    )
    select pairs.key, round(coalesce(sum(latest.mrr_after), 0), 2)::text as mrr
    from pairs left join latest on latest.account_id = pairs.account_id
    group by pairs.key`.execute(db);
  for (const row of rows) result.set(row.key, Number(row.mrr));
  return result;
}
