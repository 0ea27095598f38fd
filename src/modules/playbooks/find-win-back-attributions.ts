import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { WIN_BACK_TEMPLATE_ID } from './templates/playbook-templates.ts';

export type TWinBackRow = {
  account_id: string;
  reactivated_on: string;
  /** The reactivation's MRR (reporting currency, rounded to cents). */
  mrr: number;
  playbook_id: string | null;
  enrolled_at: string | null;
};

export type TWinBackAttribution = {
  from: string;
  to: string;
  window_days: number;
  currency: string;
  attributed: TWinBackRow[];
  unattributed: TWinBackRow[];
  summary: {
    reactivations: number;
    attributed: number;
    attributed_mrr: number;
    unattributed: number;
    unattributed_mrr: number;
  };
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reactivations (mrr_movements of type `reactivation`, dated in [from, to)) and the win-back playbook
 * that preceded each: the latest enrollment of the account in a playbook made from the win-back template
 * whose enrollment day (workspace time zone) is on or before the reactivation and at most `windowDays`
 * before it. Reactivations with no such enrollment are listed as unattributed. Sums are in SQL.
 */
export async function findWinBackAttributions({
  db,
  workspaceId,
  from,
  to,
  windowDays = 180,
}: {
  db: TDb;
  workspaceId: string;
  from: string;
  to: string;
  windowDays?: number;
}): Promise<TWinBackAttribution> {
  if (!DATE.test(from) || !DATE.test(to))
    throw new AppError('invalid_input', 'from and to must be YYYY-MM-DD');
  if (from >= to) throw new AppError('invalid_input', 'from must be before to');
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 3650) {
    throw new AppError('invalid_input', 'window_days must be an integer from 1 to 3650');
  }
  const workspace = await getWorkspace({ db, workspaceId });
  const { rows } = await sql<{
    account_id: string;
    reactivated_on: string;
    mrr: string;
    playbook_id: string | null;
    enrolled_at: Date | null;
    attributed_mrr: string;
    unattributed_mrr: string;
  }>`
    select m.account_id, m.date as reactivated_on, round(m.amount, 2) as mrr, e.playbook_id, e.enrolled_at,
      round(coalesce(sum(m.amount) filter (where e.playbook_id is not null) over (), 0), 2) as attributed_mrr,
      round(coalesce(sum(m.amount) filter (where e.playbook_id is null) over (), 0), 2) as unattributed_mrr
    from mrr_movements m
    left join lateral (
      select en.playbook_id, en.enrolled_at
      from playbook_enrollments en
      join playbooks p on p.workspace_id = en.workspace_id and p.id = en.playbook_id
      where en.workspace_id = m.workspace_id and en.account_id = m.account_id
        and p.template_id = ${WIN_BACK_TEMPLATE_ID}
        and (en.enrolled_at at time zone ${workspace.timezone}::text)::date <= m.date
        and (en.enrolled_at at time zone ${workspace.timezone}::text)::date >= m.date - ${windowDays}::int
      order by en.enrolled_at desc
      limit 1
    ) e on true
    where m.workspace_id = ${workspaceId} and m.type = 'reactivation'
      and m.date >= ${from}::date and m.date < ${to}::date
    order by m.date, m.account_id`.execute(db);
  const all: TWinBackRow[] = rows.map((r) => ({
    account_id: r.account_id,
    reactivated_on: r.reactivated_on,
    mrr: Number(r.mrr),
    playbook_id: r.playbook_id,
    enrolled_at: r.enrolled_at?.toISOString() ?? null,
  }));
  const attributed = all.filter((r) => r.playbook_id !== null);
  const unattributed = all.filter((r) => r.playbook_id === null);
  return {
    from,
    to,
    window_days: windowDays,
    currency: workspace.reportingCurrency,
    attributed,
    unattributed,
    summary: {
      reactivations: all.length,
      attributed: attributed.length,
      attributed_mrr: Number(rows[0]?.attributed_mrr ?? 0),
      unattributed: unattributed.length,
      unattributed_mrr: Number(rows[0]?.unattributed_mrr ?? 0),
    },
  };
}
