import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import type { TTriggerClock } from './trigger-clock.ts';
import type { TTrigger } from './trigger-schema.ts';

type TEventTrigger = Exclude<
  TTrigger,
  { kind: 'health_dropped' | 'card_expiring' | 'renewal_due' | 'usage_pattern' | 'inactive' }
>;

/**
 * Whether the state an event trigger led to still holds for the account at `now`: the latest health band
 * (on or before today) is still one of `to`; the current stage is still one of `to`; still in (or still
 * out of) the segment; the failed payment's invoice (`context.invoice_id`, else any invoice of the account
 * with a failed payment) is still unpaid — open or draft without a succeeded payment. An event trigger
 * without such a state (a survey answer, a churn, a cancellation, a custom event) holds.
 */
export async function isEventTriggerHolding({
  db,
  workspaceId,
  trigger,
  accountId,
  clock,
  context,
}: {
  db: TDb;
  workspaceId: string;
  trigger: TEventTrigger;
  accountId: string;
  clock: TTriggerClock;
  context?: Record<string, unknown>;
}): Promise<boolean> {
  switch (trigger.kind) {
    case 'health_band_changed': {
      if (trigger.to === undefined) return true;
      const row = await db
        .selectFrom('health_scores')
        .select('band')
        .where('workspace_id', '=', workspaceId)
        .where('account_id', '=', accountId)
        .where('date', '<=', clock.today)
        .orderBy('date', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row !== undefined && trigger.to.includes(row.band);
    }
    case 'stage_changed': {
      if (trigger.to === undefined) return true;
      const row = await db
        .selectFrom('account_profiles')
        .select('stage')
        .where('workspace_id', '=', workspaceId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row !== undefined && trigger.to.includes(row.stage);
    }
    case 'segment_entered':
    case 'segment_left': {
      const row = await db
        .selectFrom('segment_memberships')
        .select('account_id')
        .where('workspace_id', '=', workspaceId)
        .where('segment_id', '=', trigger.segment_id)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return (row !== undefined) === (trigger.kind === 'segment_entered');
    }
    case 'payment_failed': {
      const invoiceId = typeof context?.invoice_id === 'string' ? context.invoice_id : undefined;
      const { rows } = await sql<{ unpaid: boolean }>`
        select exists (
          select 1 from invoices i
          where i.workspace_id = ${workspaceId} and i.account_id = ${accountId}
            ${invoiceId === undefined ? sql`` : sql`and i.id = ${invoiceId}`}
            and i.status in ('open', 'draft')
            and exists (select 1 from payments p where p.workspace_id = i.workspace_id and p.invoice_id = i.id
              and p.outcome = 'failed')
            and not exists (select 1 from payments p where p.workspace_id = i.workspace_id and p.invoice_id = i.id
              and p.outcome = 'succeeded')
        ) as unpaid`.execute(db);
      return rows[0]?.unpaid === true;
    }
    default:
      return true;
  }
}
