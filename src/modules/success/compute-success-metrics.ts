import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { fxCtes } from '../revenue/sql-fx.ts';
import { parseDay, periodsCte, type TInterval, ZInterval } from '../revenue/sql-periods.ts';
import { money, ratio, toNumber } from '../revenue/sql-rounding.ts';
import { withAnalyticsSettings } from '../revenue/sql-settings.ts';
import { findSegmentMemberIds } from '../segments/find-segment-member-ids.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { assertAccountsExist } from './assert-accounts-exist.ts';
import { emailCtes } from './sql-email-ctes.ts';
import { paymentCtes } from './sql-payment-ctes.ts';
import { retentionCtes } from './sql-retention-ctes.ts';
import { createSuccessScope, spansCtes } from './sql-scope.ts';
import { surveyCtes } from './sql-survey-ctes.ts';
import { ticketCtes } from './sql-ticket-ctes.ts';

export type TSuccessMetricsInput = {
  db: TDb;
  workspaceId: string;
  /** `YYYY-MM` or `YYYY-MM-DD`, as for the revenue report. */
  from: string;
  to: string;
  interval?: TInterval;
  /** Only these accounts (every figure; see `note` for the costs). */
  accountIds?: readonly string[];
  /** Only the accounts now in this segment (with `accountIds`: those in both). */
  segmentId?: string;
};

export type TSuccessPeriod = {
  period: string;
  start: string;
  end: string;
  nps: number | null;
  nps_responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  csat: number | null;
  csat_responses: number;
  tickets_opened: number;
  first_contact_resolution_rate: number | null;
  retention_cost: number | null;
  crc: number | null;
  arpa: number | null;
  email_open_rate: number | null;
  csat_satisfied: number;
  ticket_csat: number | null;
  ticket_csat_responses: number;
  tickets_resolved_first_contact: number;
  customers_start: number;
  customers_end: number;
  average_customers: number;
  mrr_end: number;
  crc_exceeds_arpa: boolean | null;
  emails_delivered: number;
  emails_opened: number;
  unresolved_complaints: number;
  unresolved_complaint_accounts: number;
  failed_payment_attempts: number;
  failed_payment_invoices: number;
  late_invoices: number;
  overdue_open_invoices: number;
};

export type TSuccessMetrics = {
  currency: string;
  interval: TInterval;
  /** How many accounts the figures cover; null for the whole workspace. */
  accounts: number | null;
  /** How workspace-level figures were attributed to the accounts in scope (only when filtered). */
  note?: string;
  periods: TSuccessPeriod[];
};

/** The fields in the order of shared/spec/cli.md `metrics cs` (extras last), and how each leaves SQL. */
const fields: Record<keyof TSuccessPeriod, 'text' | 'decimal' | 'count' | 'boolean'> = {
  period: 'text',
  start: 'text',
  end: 'text',
  nps: 'decimal',
  nps_responses: 'count',
  promoters: 'count',
  passives: 'count',
  detractors: 'count',
  csat: 'decimal',
  csat_responses: 'count',
  tickets_opened: 'count',
  first_contact_resolution_rate: 'decimal',
  retention_cost: 'decimal',
  crc: 'decimal',
  arpa: 'decimal',
  email_open_rate: 'decimal',
  csat_satisfied: 'count',
  ticket_csat: 'decimal',
  ticket_csat_responses: 'count',
  tickets_resolved_first_contact: 'count',
  customers_start: 'count',
  customers_end: 'count',
  average_customers: 'decimal',
  mrr_end: 'decimal',
  crc_exceeds_arpa: 'boolean',
  emails_delivered: 'count',
  emails_opened: 'count',
  unresolved_complaints: 'count',
  unresolved_complaint_accounts: 'count',
  failed_payment_attempts: 'count',
  failed_payment_invoices: 'count',
  late_invoices: 'count',
  overdue_open_invoices: 'count',
};

const COST_NOTE =
  'retention costs are workspace-wide: each period shows the share of the accounts in scope, by their ' +
  'share of the average customers, so crc equals the workspace figure';

/**
 * One row per period of the customer success metrics of shared/spec/metrics.md "Customer success" (NPS,
 * CSAT, first-contact resolution, CRC beside ARPA, email open rate) and issue 3's unresolved complaints and
 * late and failed payments, for the workspace or some of its accounts, in one SQL statement. Periods
 * without data still appear, with zero counts and null rates (never NaN).
 */
export async function computeSuccessMetrics(input: TSuccessMetricsInput): Promise<TSuccessMetrics> {
  const { db, workspaceId } = input;
  const parsed = ZInterval.safeParse(input.interval ?? 'month');
  if (!parsed.success) {
    throw new AppError('invalid_input', `interval: expected one of ${ZInterval.options.join(', ')}`);
  }
  const interval = parsed.data;
  const from = parseDay(input.from, 'start', 'from');
  const to = parseDay(input.to, 'end', 'to');
  if (to < from) throw new AppError('invalid_input', `to (${input.to}) is before from (${input.from})`);
  const workspace = await getWorkspace({ db, workspaceId });
  const accountIds = await resolveAccounts(input);
  const scope = createSuccessScope({
    workspaceId,
    reportingCurrency: workspace.reportingCurrency,
    timezone: workspace.timezone,
    interval,
    accountIds,
  });
  const count = (table: string, column: string) => sql`coalesce(${sql.ref(`${table}.${column}`)}, 0)`;
  const query = sql<Record<string, string | number | boolean | null>>`
    with ${periodsCte(interval, from, to)},
    ${spansCtes(workspace.timezone)},
    ${fxCtes(workspaceId)},
    ${surveyCtes(scope)},
    ${ticketCtes(scope)},
    ${emailCtes(scope)},
    ${paymentCtes(scope)},
    ${retentionCtes(scope)},
    totals as (
      select p.period, p.p_start, p.p_end,
        ${count('n', 'responses')} as nps_responses, ${count('n', 'promoters')} as promoters,
        ${count('n', 'passives')} as passives, ${count('n', 'detractors')} as detractors,
        ${count('cs', 'responses')} as csat_responses, ${count('cs', 'satisfied')} as csat_satisfied,
        ${count('tr', 'responses')} as ticket_csat_responses, ${count('tr', 'satisfied')} as ticket_satisfied,
        ${count('f', 'tickets')} as tickets_opened, ${count('f', 'first_contact')} as first_contact,
        ${count('e', 'delivered')} as emails_delivered, ${count('e', 'opened')} as emails_opened,
        ${count('c', 'complaints')} as unresolved_complaints, ${count('c', 'accounts')} as complaint_accounts,
        ${count('fa', 'attempts')} as failed_attempts, ${count('fa', 'invoices')} as failed_invoices,
        ${count('la', 'invoices')} as late_invoices, ${count('o', 'invoices')} as overdue_invoices,
        l.customers_start, l.customers_end, l.mrr_end,
        (l.customers_start + l.customers_end) / 2.0 as average_customers,
        -- Costs are not per account: a filtered report takes its accounts' share of the customers.
        ${
          scope.isFiltered
            ? sql`coalesce(rc.amount, 0) * ((l.customers_start + l.customers_end) / 2.0)
                / nullif((l.all_start + l.all_end) / 2.0, 0)`
            : sql`coalesce(rc.amount, 0)`
        } as retention_cost,
        l.mrr_end / nullif(l.customers_end, 0) as arpa
      from periods p
      join levels l on l.period = p.period
      left join nps n on n.period = p.period
      left join csat cs on cs.period = p.period
      left join ticket_ratings tr on tr.period = p.period
      left join fcr f on f.period = p.period
      left join email e on e.period = p.period
      left join complaints c on c.period = p.period
      left join failed fa on fa.period = p.period
      left join late la on la.period = p.period
      left join overdue o on o.period = p.period
      left join retention_costs rc on rc.period = p.period
    ),
    figures as (
      select *, retention_cost / nullif(average_customers, 0) as crc from totals
    )
    select period, p_start as start, p_end as "end",
      round((promoters - detractors) * 100.0 / nullif(nps_responses, 0), 1) as nps,
      nps_responses, promoters, passives, detractors,
      ${ratio(sql`csat_satisfied`, sql`csat_responses`)} as csat, csat_responses,
      tickets_opened, ${ratio(sql`first_contact`, sql`tickets_opened`)} as first_contact_resolution_rate,
      ${money(sql`retention_cost`)} as retention_cost, ${money(sql`crc`)} as crc, ${money(sql`arpa`)} as arpa,
      ${ratio(sql`emails_opened`, sql`emails_delivered`)} as email_open_rate,
      csat_satisfied, ${ratio(sql`ticket_satisfied`, sql`ticket_csat_responses`)} as ticket_csat,
      ticket_csat_responses, first_contact as tickets_resolved_first_contact,
      customers_start, customers_end, average_customers, ${money(sql`mrr_end`)} as mrr_end,
      crc > arpa as crc_exceeds_arpa, emails_delivered, emails_opened,
      unresolved_complaints, complaint_accounts as unresolved_complaint_accounts,
      failed_attempts as failed_payment_attempts, failed_invoices as failed_payment_invoices,
      late_invoices, overdue_invoices as overdue_open_invoices
    from figures
    order by p_start`;
  const { rows } = await withAnalyticsSettings(db, (trx) => query.execute(trx));
  return {
    currency: workspace.reportingCurrency,
    interval,
    accounts: accountIds ? accountIds.length : null,
    ...(accountIds ? { note: COST_NOTE } : {}),
    periods: rows.map(
      (row) =>
        Object.fromEntries(
          Object.entries(fields).map(([f, kind]) => [
            f,
            kind === 'text' || kind === 'boolean'
              ? row[f]
              : kind === 'count'
                ? Number(row[f])
                : toNumber(row[f] as string | null),
          ]),
        ) as TSuccessPeriod,
    ),
  };
}

/** The accounts in scope: the given ones (which must exist), those of the segment, or both's intersection. */
async function resolveAccounts(input: TSuccessMetricsInput): Promise<readonly string[] | undefined> {
  const { db, workspaceId, accountIds, segmentId } = input;
  if (accountIds) await assertAccountsExist({ db, workspaceId, accountIds });
  if (segmentId === undefined) return accountIds ? [...new Set(accountIds)] : undefined;
  const members = await findSegmentMemberIds({ db, workspaceId, segmentId });
  if (!accountIds) return members;
  const wanted = new Set(accountIds);
  return members.filter((id) => wanted.has(id));
}
