import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { selectNoteTimelineItems } from '../notes/select-note-timeline-items.ts';
import { money, toNumber } from '../revenue/sql-rounding.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { assertAccountExists } from './assert-account-exists.ts';

export const TIMELINE_KINDS = [
  'invoice',
  'payment',
  'movement',
  'ticket_opened',
  'ticket_resolved',
  'survey',
  'lifecycle',
  'note',
] as const;
export type TTimelineKind = (typeof TIMELINE_KINDS)[number];

/**
 * One thing that happened to the account. The columns mean, by kind:
 * - invoice: `status` of the invoice, `amount` its total in `currency`
 * - payment: `status` the outcome, `amount`/`currency` the attempt, `title` the invoice, `text` the failure code
 * - movement: `status` the movement type, `amount` the MRR change (reporting currency), `to_value` MRR after
 * - ticket_opened / ticket_resolved: `title` the subject, `status` the ticket's, `amount` the satisfaction
 * - survey: `title` the survey (nps, csat…), `amount` the score, `text` the comment
 * - lifecycle: `status` the event type, `title` the segment, `from_value` → `to_value`
 * - note: `title` the author's name, `text` the note's first 200 characters, `status` `pinned` or null,
 *   `from_value` the author's type (`user`, `api_key`; null once removed)
 */
export type TTimelineItem = {
  at: string;
  kind: TTimelineKind;
  id: string;
  title: string | null;
  status: string | null;
  amount: number | null;
  currency: string | null;
  text: string | null;
  from_value: string | null;
  to_value: string | null;
};

export const MAX_TIMELINE = 500;

/**
 * Everything that happened to one account in one list, newest first: invoices, payment attempts, MRR
 * movements, tickets opened and resolved, survey answers, lifecycle events (tier, stage, band, segment) and
 * the notes CSMs wrote. `before` pages back: items strictly older than that instant. A movement happens on a local day, so it is
 * placed at the start of that day in the workspace's time zone.
 */
export async function findAccountTimeline({
  db,
  workspaceId,
  accountId,
  limit = 100,
  before,
}: {
  db: TDb;
  workspaceId: string;
  accountId: string;
  limit?: number;
  before?: Date;
}): Promise<{ account_id: string; items: TTimelineItem[] }> {
  await assertAccountExists({ db, workspaceId, accountId });
  const workspace = await getWorkspace({ db, workspaceId });
  const ws = workspaceId;
  const ac = accountId;
  const none = sql`null::text`;
  const { rows } = await sql<Omit<TTimelineItem, 'at' | 'amount'> & { at: Date; amount: string | null }>`
    select * from (
      select i.issued_at as at, 'invoice' as kind, i.id, ${none} as title, i.status::text as status,
        ${money(sql`(select sum(amount - discount + tax) from invoice_lines
          where workspace_id = i.workspace_id and invoice_id = i.id)`)} as amount,
        trim(i.currency) as currency, ${none} as text, ${none} as from_value, ${none} as to_value
      from invoices i where i.workspace_id = ${ws} and i.account_id = ${ac}
      union all
      select p.attempted_at, 'payment', p.id, p.invoice_id, p.outcome::text, ${money(sql`p.amount`)},
        trim(p.currency), p.failure_code, null, null
      from payments p join invoices i on i.workspace_id = p.workspace_id and i.id = p.invoice_id
      where p.workspace_id = ${ws} and i.account_id = ${ac}
      union all
      select (m.date::timestamp at time zone ${workspace.timezone}), 'movement', m.date::text, null,
        m.type::text, ${money(sql`m.amount`)}, ${workspace.reportingCurrency}, null,
        ${money(sql`m.mrr_before`)}::text, ${money(sql`m.mrr_after`)}::text
      from mrr_movements m where m.workspace_id = ${ws} and m.account_id = ${ac}
      union all
      select t.opened_at, 'ticket_opened', t.id, t.subject, t.status::text, null, null, t.priority, null, null
      from tickets t where t.workspace_id = ${ws} and t.account_id = ${ac}
      union all
      select t.resolved_at, 'ticket_resolved', t.id, t.subject, t.status::text, t.satisfaction::numeric, null,
        null, null, null
      from tickets t where t.workspace_id = ${ws} and t.account_id = ${ac} and t.resolved_at is not null
      union all
      select s.responded_at, 'survey', s.id, s.survey, null, s.score, null, s.comment, null, null
      from survey_responses s where s.workspace_id = ${ws} and s.account_id = ${ac}
      union all
      select e.occurred_at, 'lifecycle', e.id::text, e.segment_id, e.type::text, null, null, null, e.from_value,
        e.to_value
      from lifecycle_events e where e.workspace_id = ${ws} and e.account_id = ${ac}
      union all
      ${selectNoteTimelineItems({ workspaceId: ws, accountId: ac })}
    ) items
    where ${before ? sql`at < ${before}` : sql`true`}
    order by at desc, kind, id desc
    limit ${limit}`.execute(db);
  return {
    account_id: accountId,
    items: rows.map((row) => ({ ...row, at: row.at.toISOString(), amount: toNumber(row.amount) })),
  };
}
