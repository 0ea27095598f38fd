import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { todayIn } from '../../http/today-in.ts';
import { money, toNumber } from '../revenue/sql-rounding.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';

export type TAccountSummary = {
  account_id: string;
  name: string;
  owner_email: string | null;
  created_at: string | null;
  /** As imported (the CRM's stage), next to `stage`, the one Tenure derives. */
  lifecycle_stage: string | null;
  tier: string | null;
  stage: string | null;
  tier_since: string | null;
  stage_since: string | null;
  date: string;
  currency: string;
  mrr: number;
  arr: number;
  /** The first day the account paid (its first `new` movement); null if it never did. */
  customer_since: string | null;
  /** The day the current subscription period ends, when it is renewed or lapses; null without one. */
  renewal_date: string | null;
};

/**
 * The facts at the top of the account page as of local day `at` (default today): owner, derived tier and
 * stage, MRR (the latest movement's `mrr_after`, the figure get-mrr.ts sums) and the renewal date, which is
 * the earliest end of a subscription line of an open or paid invoice in service on that day.
 */
export async function getAccountSummary({
  db,
  workspaceId,
  accountId,
  at,
}: {
  db: TDb;
  workspaceId: string;
  accountId: string;
  at?: string;
}): Promise<TAccountSummary> {
  const workspace = await getWorkspace({ db, workspaceId });
  const day = at ?? todayIn(workspace.timezone);
  const { rows } = await sql<{
    name: string;
    owner_email: string | null;
    created_at: Date | null;
    lifecycle_stage: string | null;
    tier: string | null;
    stage: string | null;
    tier_since: Date | null;
    stage_since: Date | null;
    mrr: string | null;
    arr: string | null;
    customer_since: string | null;
    renewal_date: string | null;
  }>`
    select a.name, a.owner_email, a.created_at, a.lifecycle_stage, p.tier, p.stage, p.tier_since, p.stage_since,
      ${money(sql`coalesce(m.mrr_after, 0)`)} as mrr, ${money(sql`12 * coalesce(m.mrr_after, 0)`)} as arr,
      (select min(date)::text from mrr_movements
        where workspace_id = a.workspace_id and account_id = a.id and type = 'new') as customer_since,
      (select min(l.service_end)::text from invoice_lines l
        join invoices i on i.workspace_id = l.workspace_id and i.id = l.invoice_id
        where l.workspace_id = a.workspace_id and i.account_id = a.id and l.type = 'subscription'
          and i.status in ('open', 'paid') and l.service_start <= ${day}::date and l.service_end > ${day}::date
      ) as renewal_date
    from accounts a
    left join account_profiles p on p.workspace_id = a.workspace_id and p.account_id = a.id
    left join lateral (
      select mrr_after from mrr_movements
      where workspace_id = a.workspace_id and account_id = a.id and date <= ${day}::date
      order by date desc limit 1
    ) m on true
    where a.workspace_id = ${workspaceId} and a.id = ${accountId}`.execute(db);
  const row = rows[0];
  if (!row) throw new AppError('not_found', `account "${accountId}" not found`);
  const iso = (value: Date | null) => (value ? value.toISOString() : null);
  return {
    account_id: accountId,
    name: row.name,
    owner_email: row.owner_email,
    created_at: iso(row.created_at),
    lifecycle_stage: row.lifecycle_stage,
    tier: row.tier,
    stage: row.stage,
    tier_since: iso(row.tier_since),
    stage_since: iso(row.stage_since),
    date: day,
    currency: workspace.reportingCurrency,
    mrr: toNumber(row.mrr)!,
    arr: toNumber(row.arr)!,
    customer_since: row.customer_since,
    renewal_date: row.renewal_date,
  };
}
