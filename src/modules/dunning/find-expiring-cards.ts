import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { todayIn } from '../../http/today-in.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';

export type TExpiringCard = {
  accountId: string;
  paymentMethodId: string;
  expMonth: number;
  expYear: number;
  /** The last day the card works, `YYYY-MM-DD`. */
  expiresOn: string;
};

/**
 * Default cards that stop working within `withinDays` of `now`: a card works through the last day of its
 * expiry month, so it counts when that day is today (in the workspace time zone) or up to `withinDays`
 * later. Cards already expired are left out (dunning handles their declines).
 */
export async function findExpiringCards({
  db,
  workspaceId,
  now,
  withinDays,
}: {
  db: Kysely<Database>;
  workspaceId: string;
  now: Date;
  withinDays: number;
}): Promise<TExpiringCard[]> {
  const { timezone } = await getWorkspace({ db, workspaceId });
  const today = todayIn(timezone, now);
  const { rows } = await sql<{
    account_id: string;
    id: string;
    exp_month: number;
    exp_year: number;
    expires_on: string;
  }>`
    select account_id, id, exp_month, exp_year, expires_on from (
      select account_id, id, exp_month, exp_year,
        (make_date(exp_year, exp_month, 1) + interval '1 month' - interval '1 day')::date as expires_on
      from payment_methods
      where workspace_id = ${workspaceId} and type = 'card' and is_default
        and exp_month is not null and exp_year is not null
    ) c
    where expires_on >= ${today}::date and expires_on <= ${today}::date + ${withinDays}::int
    order by expires_on, account_id, id`.execute(db);
  return rows.map((r) => ({
    accountId: r.account_id,
    paymentMethodId: r.id,
    expMonth: r.exp_month,
    expYear: r.exp_year,
    expiresOn: r.expires_on,
  }));
}
