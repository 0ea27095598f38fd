import { sql } from 'kysely';
import { fxCheck } from './fx-check.ts';
import type { TCheckContext, TColumn, TEntity, TEntityName, TRowError, TRowValue } from './import-types.ts';
import { invoiceLineChecks } from './invoice-line-checks.ts';
import { sqlValue } from './sql-value.ts';

// The thirteen files of shared/spec/data.md ("Files"), in dependency order: references resolve to files
// imported earlier in the same import.
const id: TColumn = { name: 'id', type: { kind: 'id' }, isRequired: true };
const accountId: TColumn = {
  name: 'account_id',
  type: { kind: 'ref', table: 'accounts', noun: 'account' },
  isRequired: true,
};
const contactId: TColumn = { name: 'contact_id', type: { kind: 'ref', table: 'contacts', noun: 'contact' } };
const invoiceId: TColumn = {
  name: 'invoice_id',
  type: { kind: 'ref', table: 'invoices', noun: 'invoice' },
  isRequired: true,
};
const text = (name: string, isRequired = false): TColumn => ({ name, type: { kind: 'text' }, isRequired });
const timestamp = (name: string, isRequired = false): TColumn => ({
  name,
  type: { kind: 'timestamp' },
  isRequired,
});
const amount = (name: string, isRequired = false, fallback?: string): TColumn => ({
  name,
  type: { kind: 'amount' },
  isRequired,
  fallback,
});
const currency: TColumn = { name: 'currency', type: { kind: 'currency' }, isRequired: true };
const oneOf = (name: string, values: readonly string[], isRequired = true): TColumn => ({
  name,
  type: { kind: 'enum', values },
  isRequired,
});
const localDateOf = (name: string, ctx: TCheckContext) =>
  sql`(${sqlValue(name, { kind: 'timestamp' }, ctx.timezone)} at time zone ${ctx.timezone}::text)::date`;

const SURVEY_RANGES: Record<string, [number, number, string]> = {
  nps: [0, 10, 'an NPS score'],
  csat: [1, 5, 'a CSAT score'],
  ces: [1, 7, 'a CES score'],
};

const NO_ERRORS: TRowError[] = [];

function checkSurveyScore(value: TRowValue): TRowError[] {
  const range = SURVEY_RANGES[value('survey') ?? ''];
  const score = value('score');
  if (!range || score === null) return NO_ERRORS;
  const [min, max, what] = range;
  const n = Number(score);
  if (/^-?\d+$/.test(score) && n >= min && n <= max) return NO_ERRORS;
  return [{ column: 'score', message: `"${score}" is not ${what} (a whole number from ${min} to ${max})` }];
}

function checkInvoiceLine(value: TRowValue): TRowError[] {
  if (value('type') !== 'subscription') return NO_ERRORS;
  const [start, end] = [value('service_start'), value('service_end')];
  if (value('subscription_id') && start && end && end > start) return NO_ERRORS;
  const errors: TRowError[] = [];
  for (const column of ['subscription_id', 'service_start', 'service_end']) {
    if (!value(column)) errors.push({ column, message: 'missing value (required for subscription lines)' });
  }
  if (start && end && end <= start) {
    errors.push({ column: 'service_end', message: `${end} is not after service_start ${start}` });
  }
  return errors;
}

const list: TEntity[] = [
  {
    name: 'accounts',
    key: ['id'],
    hasAttributes: true,
    amountCurrency: 'reporting',
    columns: [
      id,
      text('name', true),
      timestamp('created_at'),
      text('owner_email'),
      text('lifecycle_stage'),
      amount('revenue_potential'),
      { name: 'parent_id', type: { kind: 'id' } },
    ],
  },
  {
    name: 'contacts',
    key: ['id'],
    hasAttributes: true,
    columns: [
      id,
      accountId,
      text('email', true),
      text('name'),
      text('role'),
      { name: 'is_billing_contact', type: { kind: 'boolean' }, fallback: 'false' },
    ],
  },
  {
    name: 'fx_rates',
    key: ['currency', 'date'],
    affectsRevenue: true,
    columns: [
      { name: 'date', type: { kind: 'date' }, isRequired: true },
      currency,
      { name: 'rate', type: { kind: 'decimal', min: 'positive' }, isRequired: true },
    ],
  },
  {
    name: 'plans',
    key: ['id'],
    amountCurrency: 'row',
    columns: [
      id,
      text('name', true),
      oneOf('interval_unit', ['day', 'week', 'month', 'year']),
      // data.md marks it required "(default 1)": an empty or absent value means 1.
      { name: 'interval_count', type: { kind: 'integer', min: 1 }, fallback: '1' },
      amount('amount'),
      { ...currency, isRequired: false },
      text('version'),
    ],
  },
  {
    name: 'subscriptions',
    key: ['id'],
    columns: [
      id,
      accountId,
      text('plan_id'),
      oneOf('status', ['trialing', 'active', 'past_due', 'paused', 'cancelled']),
      timestamp('started_at'),
      timestamp('trial_end'),
      timestamp('cancelled_at'),
      text('cancellation_reason'),
      text('cancellation_comment'),
    ],
  },
  {
    name: 'invoices',
    key: ['id'],
    affectsRevenue: true,
    columns: [
      id,
      accountId,
      timestamp('issued_at', true),
      currency,
      oneOf('status', ['draft', 'open', 'paid', 'void', 'uncollectible']),
      timestamp('due_at'),
      timestamp('paid_at'),
    ],
    sqlChecks: (ctx) => [
      fxCheck(
        ctx,
        'currency',
        sql`select s.line, s.currency, ${localDateOf('issued_at', ctx)} from import_stage s`,
      ),
    ],
  },
  {
    name: 'invoice_lines',
    key: ['id'],
    affectsRevenue: true,
    amountCurrency: 'invoice',
    columns: [
      id,
      invoiceId,
      oneOf('type', ['subscription', 'one_time']),
      text('subscription_id'),
      text('plan_id'),
      { name: 'service_start', type: { kind: 'date' } },
      { name: 'service_end', type: { kind: 'date' } },
      { name: 'quantity', type: { kind: 'decimal', min: 'zero' }, fallback: '1' },
      amount('amount', true),
      amount('discount', false, '0'),
      amount('tax', false, '0'),
    ],
    checkRow: checkInvoiceLine,
    sqlChecks: invoiceLineChecks,
  },
  {
    name: 'payments',
    key: ['id'],
    amountCurrency: 'row',
    columns: [
      id,
      invoiceId,
      timestamp('attempted_at', true),
      amount('amount', true),
      currency,
      oneOf('outcome', ['succeeded', 'failed', 'refunded']),
      text('failure_code'),
      oneOf('payment_method', ['card', 'direct_debit', 'bank_transfer', 'wallet', 'other'], false),
    ],
    sqlChecks: (ctx) => [
      fxCheck(
        ctx,
        'currency',
        sql`select s.line, s.currency, ${localDateOf('attempted_at', ctx)} from import_stage s`,
      ),
    ],
  },
  {
    name: 'events',
    key: ['id'],
    columns: [
      id,
      accountId,
      contactId,
      text('name', true),
      timestamp('occurred_at', true),
      { name: 'quantity', type: { kind: 'decimal', min: 'zero' }, fallback: '1' },
      { name: 'properties', type: { kind: 'json' } },
    ],
  },
  {
    name: 'tickets',
    key: ['id'],
    columns: [
      id,
      accountId,
      contactId,
      timestamp('opened_at', true),
      timestamp('resolved_at'),
      oneOf('status', ['open', 'pending', 'solved', 'closed']),
      { name: 'agent_replies', type: { kind: 'integer', min: 0 } },
      text('channel'),
      text('priority'),
      { name: 'is_complaint', type: { kind: 'boolean' }, fallback: 'false' },
      { name: 'satisfaction', type: { kind: 'integer', min: 1, max: 5 } },
      text('subject'),
    ],
  },
  {
    name: 'survey_responses',
    key: ['id'],
    columns: [
      id,
      accountId,
      contactId,
      text('survey', true),
      { name: 'score', type: { kind: 'decimal' }, isRequired: true },
      text('comment'),
      timestamp('responded_at', true),
    ],
    checkRow: checkSurveyScore,
  },
  {
    name: 'email_events',
    key: ['id'],
    columns: [
      id,
      { ...contactId, isRequired: true },
      text('message_id', true),
      oneOf('type', ['delivered', 'opened', 'clicked', 'bounced', 'unsubscribed']),
      timestamp('occurred_at', true),
    ],
  },
  {
    name: 'costs',
    key: ['id'],
    amountCurrency: 'row',
    columns: [
      id,
      timestamp('period_start', true),
      timestamp('period_end', true),
      amount('amount', true),
      currency,
      oneOf('kind', ['retention', 'acquisition']),
      text('category'),
    ],
    sqlChecks: (ctx) => [
      sql`select s.line, 'period_end', s.period_end || ' is not after period_start ' || s.period_start
        from import_stage s
        where ${sqlValue('period_end', { kind: 'timestamp' }, ctx.timezone)}
          <= ${sqlValue('period_start', { kind: 'timestamp' }, ctx.timezone)}`,
      fxCheck(
        ctx,
        'currency',
        sql`select s.line, s.currency, ${localDateOf('period_start', ctx)} from import_stage s`,
      ),
    ],
  },
];

export const entities: ReadonlyMap<TEntityName, TEntity> = new Map(list.map((e) => [e.name, e]));
