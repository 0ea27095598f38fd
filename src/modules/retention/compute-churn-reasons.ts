import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { findPlaybooks } from '../playbooks/find-playbooks.ts';
import { parseDay } from '../revenue/sql-periods.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { UNSPECIFIED_REASON } from './default-churn-reasons.ts';
import { findChurnReasons } from './find-churn-reasons.ts';

export type TChurnReasonRow = {
  code: string;
  label_en: string;
  label_es: string;
  accounts: number;
  lost_mrr: number;
  /** lost_mrr / total lost MRR, a fraction rounded to 6 decimals (null when nothing was lost). */
  share: number | null;
  /** The enabled playbooks that follow up a cancellation with this reason (trigger `cancelled`). */
  follow_up_playbooks: { id: string; name: string }[];
};

export type TChurnReasonsReport = {
  currency: string;
  from: string;
  /** Exclusive. */
  to: string;
  accounts: number;
  lost_mrr: number;
  reasons: TChurnReasonRow[];
};

/**
 * Why MRR churned in [from, to): every churn movement (shared/spec/metrics.md "MRR movements": MRR from
 * > 0 to 0) with its amount, the MRR lost, in the reporting currency, attributed to the
 * `cancellation_reason` of the account's subscription cancelled most recently on or before the churn day
 * (local day of `cancelled_at` in the workspace time zone); none, or no reason, is `unspecified`.
 * `accounts` counts distinct accounts (one that churned twice in the period counts once per reason).
 * Read straight from `mrr_movements` in SQL (the revenue module's `findMovements` rounds each row and
 * loads them all; summing in the database keeps the exact numerics until the final rounding).
 * Each reason lists the enabled playbooks that follow it up (issue 4 §7: a follow-up playbook per reason).
 */
export async function computeChurnReasons({
  db,
  workspaceId,
  from,
  to,
}: {
  db: TDb;
  workspaceId: string;
  /** `YYYY-MM-DD` or `YYYY-MM` (its first day). */
  from: string;
  /** Exclusive; `YYYY-MM-DD` or `YYYY-MM` (its first day). */
  to: string;
}): Promise<TChurnReasonsReport> {
  const start = parseDay(from, 'start', 'from');
  const end = parseDay(to, 'start', 'to');
  if (end <= start) throw new AppError('invalid_input', `to (${to}) must be after from (${from})`);
  const workspace = await getWorkspace({ db, workspaceId });
  const { rows } = await sql<{ reason: string | null; accounts: number; lost: string; share: string | null }>`
    with churns as (
      select m.account_id, m.date, m.amount,
        coalesce(nullif(s.cancellation_reason, ''), ${UNSPECIFIED_REASON.code}) as reason
      from mrr_movements m
      left join lateral (
        select cancellation_reason from subscriptions s
        where s.workspace_id = m.workspace_id and s.account_id = m.account_id and s.cancelled_at is not null
          and (s.cancelled_at at time zone ${workspace.timezone})::date <= m.date
        order by s.cancelled_at desc, s.id desc
        limit 1
      ) s on true
      where m.workspace_id = ${workspaceId} and m.type = 'churn' and m.date >= ${start}::date
        and m.date < ${end}::date
    ),
    grouped as (
      select reason, count(distinct account_id) as accounts, sum(amount) as lost
      from churns group by rollup (reason)
    )
    select g.reason, g.accounts, round(g.lost, 2) as lost, round(g.lost / nullif(t.lost, 0), 6) as share
    from grouped g cross join (select lost from grouped where reason is null) t
    order by g.reason is null, g.lost desc, g.reason`.execute(db);
  const { reasons } = await findChurnReasons({ db, workspaceId });
  const labels = new Map([...reasons, UNSPECIFIED_REASON].map((r) => [r.code, r]));
  const { playbooks } = await findPlaybooks({ db, workspaceId, isEnabled: true });
  // A `cancelled` trigger without reasons follows up every reason; one with reasons, those it names.
  const followUpsOf = (code: string) =>
    playbooks
      .filter(
        ({ definition: { trigger } }) =>
          trigger.kind === 'cancelled' && (trigger.reasons?.includes(code) ?? true),
      )
      .map((p) => ({ id: p.id, name: p.name }));
  const total = rows.find((r) => r.reason === null);
  return {
    currency: workspace.reportingCurrency,
    from: start,
    to: end,
    accounts: Number(total?.accounts ?? 0),
    lost_mrr: Number(total?.lost ?? 0),
    reasons: rows
      .filter((r) => r.reason !== null)
      .map((r) => ({
        code: r.reason!,
        label_en: labels.get(r.reason!)?.label_en ?? r.reason!,
        label_es: labels.get(r.reason!)?.label_es ?? r.reason!,
        accounts: Number(r.accounts),
        lost_mrr: Number(r.lost),
        share: r.share === null ? null : Number(r.share),
        follow_up_playbooks: followUpsOf(r.reason!),
      })),
  };
}
