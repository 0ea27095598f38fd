import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { addDays } from './add-days.ts';
import { openDunningCase, type TFailedInvoice } from './open-dunning-case.ts';

/**
 * Failures older than this never open a case: importing years of history must not start dunning
 * customers over invoices settled outside the billing system long ago.
 */
export const LOOKBACK_DAYS = 30;

/**
 * The `dunning.scan` pass: opens a case for every invoice (not paid, not void) with a failed payment in the
 * last LOOKBACK_DAYS, no succeeded payment and no case yet; closes as recovered every open case whose invoice
 * got a succeeded payment or was marked paid (`recovered_attempt`: the dunning attempt that succeeded, null
 * when it was paid another way). Each case opens in its own transaction with its jobs.
 */
export async function scanDunningCases({
  db,
  workspaceId,
  now,
}: {
  db: TDb;
  workspaceId: string;
  now: Date;
}): Promise<{ opened: number; recovered: number }> {
  const workspace = await getWorkspace({ db, workspaceId });
  const { rows } = await sql<TFailedInvoice>`
    select i.id as invoice_id, i.account_id, f.first_failure_code, f.last_failure_code, f.last_failure_at,
      f.amount::text as amount, f.currency
    from invoices i
    join lateral (
      select (array_agg(p.failure_code order by p.attempted_at, p.id))[1] as first_failure_code,
        (array_agg(p.failure_code order by p.attempted_at desc, p.id desc))[1] as last_failure_code,
        max(p.attempted_at) as last_failure_at,
        (array_agg(p.amount order by p.attempted_at desc, p.id desc))[1] as amount,
        (array_agg(p.currency order by p.attempted_at desc, p.id desc))[1] as currency
      from payments p
      where p.workspace_id = i.workspace_id and p.invoice_id = i.id and p.outcome = 'failed'
    ) f on f.last_failure_at is not null
    where i.workspace_id = ${workspaceId} and i.status not in ('paid', 'void')
      and f.last_failure_at > ${addDays(now, -LOOKBACK_DAYS)} and f.last_failure_at <= ${now}
      and not exists (select 1 from payments s where s.workspace_id = i.workspace_id and s.invoice_id = i.id
        and s.outcome = 'succeeded')
      and not exists (select 1 from dunning_cases c where c.workspace_id = i.workspace_id
        and c.id = 'dun_' || i.id)
    order by f.last_failure_at, i.id`.execute(db);
  let opened = 0;
  for (const failed of rows) {
    const isNew = await db.transaction().execute((trx) =>
      openDunningCase({
        db: trx,
        workspaceId,
        timezone: workspace.timezone,
        reportingCurrency: workspace.reportingCurrency,
        failed: { ...failed, last_failure_at: new Date(failed.last_failure_at) },
        now,
      }),
    );
    if (isNew) opened += 1;
  }
  const recovered = await sql<{ id: string }>`
    update dunning_cases c set status = 'recovered', recovered_at = ${now}, closed_at = ${now},
      blocked_reason = null,
      recovered_attempt = (select max(a.attempt_no) from dunning_attempts a
        where a.workspace_id = c.workspace_id and a.case_id = c.id and a.outcome = 'succeeded')
    from invoices i
    where c.workspace_id = ${workspaceId} and c.status = 'open'
      and i.workspace_id = c.workspace_id and i.id = c.invoice_id
      and (i.status = 'paid' or exists (select 1 from payments p where p.workspace_id = c.workspace_id
        and p.invoice_id = c.invoice_id and p.outcome = 'succeeded'))
    returning c.id`.execute(db);
  return { opened, recovered: recovered.rows.length };
}
