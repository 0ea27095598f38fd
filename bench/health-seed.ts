import { sql } from 'kysely';
import type { TDb } from '../src/db/connect.ts';
import { ensureWorkspace } from '../src/modules/workspaces/ensure-workspace.ts';

export type THealthSeed = {
  accounts: number;
  /** Usage events the rollups stand for (the sum of `usage_daily.events`). */
  events: number;
  /** Days of usage rollups before `asOf`. */
  days: number;
  /** The last day of the data, YYYY-MM-DD. */
  asOf: string;
};

/**
 * Writes a health benchmark workspace straight in SQL (generate_series): accounts with seats, contacts,
 * twelve months of invoices and lines (a tenth churned half-way), payments with some failures, tickets,
 * NPS answers, email events, and usage rollups standing for `events` events. Generating 50 million events
 * through the importer would take the benchmark an hour; the health recompute reads only the rollups, so
 * they are written directly, as the importer would have left them.
 */
export async function seedHealthBench(db: TDb, workspaceId: string, seed: THealthSeed): Promise<void> {
  const { accounts: n, days, asOf } = seed;
  await ensureWorkspace({ db, workspaceId, reportingCurrency: 'USD' });
  const run = (query: ReturnType<typeof sql>) => query.execute(db);
  await run(sql`insert into accounts (workspace_id, id, name, created_at, owner_email, attributes)
    select ${workspaceId}, 'a' || g, 'Account ' || g, ${asOf}::date - 400 - (g % 300),
      'csm' || (g % 20) || '@example.com', jsonb_build_object('seats', 5 + g % 20)
    from generate_series(1, ${n}) g`);
  await run(sql`insert into contacts (workspace_id, id, account_id, email, is_billing_contact)
    select ${workspaceId}, 'c' || g || '-' || k, 'a' || g, 'u' || k || '@a' || g || '.example.com', k = 1
    from generate_series(1, ${n}) g, generate_series(1, 3) k`);
  // Twelve monthly invoices ending at asOf's month; every tenth account churns after month 6.
  await run(sql`insert into invoices (workspace_id, id, account_id, issued_at, currency, status, due_at, paid_at)
    select ${workspaceId}, 'i' || g || '-' || m, 'a' || g, s, 'USD',
      case when m = 12 and g % 13 = 0 then 'open' else 'paid' end, s + interval '14 days',
      case when m = 12 and g % 13 = 0 then null
           when g % 11 = 0 then s + interval '20 days' else s + interval '2 days' end
    from generate_series(1, ${n}) g, generate_series(1, 12) m,
      lateral (select date_trunc('month', ${asOf}::date) - make_interval(months => 12 - m) as s) d
    where g % 10 <> 0 or m <= 6`);
  await run(sql`insert into invoice_lines (workspace_id, id, invoice_id, type, subscription_id, service_start,
      service_end, amount)
    select ${workspaceId}, 'l' || i.id, i.id, 'subscription', 's' || i.account_id, i.issued_at::date,
      (i.issued_at + interval '1 month')::date, 50 + (substr(i.account_id, 2)::int % 50) * 10
    from invoices i where i.workspace_id = ${workspaceId}`);
  await run(sql`insert into payments (workspace_id, id, invoice_id, attempted_at, amount, currency, outcome,
      failure_code)
    select ${workspaceId}, 'p' || i.id || '-' || k, i.id, i.issued_at + make_interval(days => k), 100, 'USD',
      case when k = 1 and substr(i.account_id, 2)::int % 17 = 0 then 'failed' else 'succeeded' end,
      case when k = 1 and substr(i.account_id, 2)::int % 17 = 0 then 'insufficient_funds' end
    from invoices i, generate_series(1, 2) k
    where i.workspace_id = ${workspaceId} and i.status = 'paid'
      and (k = 1 or substr(i.account_id, 2)::int % 17 = 0)`);
  await run(sql`insert into tickets (workspace_id, id, account_id, opened_at, resolved_at, status,
      agent_replies, is_complaint, satisfaction, subject)
    select ${workspaceId}, 't' || g || '-' || k, 'a' || g, ${asOf}::date - (g + k * 37) % 120,
      case when (g + k) % 5 = 0 then null else ${asOf}::date - (g + k * 37) % 120 + 1 end,
      case when (g + k) % 5 = 0 then 'open' else 'solved' end, 1 + (g + k) % 3, (g + k) % 9 = 0,
      1 + (g + k) % 5, 'Question ' || k
    from generate_series(1, ${n}) g, generate_series(1, 3) k`);
  await run(sql`insert into survey_responses (workspace_id, id, account_id, contact_id, survey, score, responded_at)
    select ${workspaceId}, 'r' || g, 'a' || g, 'c' || g || '-1', 'nps', g % 11, ${asOf}::date - g % 200
    from generate_series(1, ${n}) g`);
  await run(sql`insert into email_events (workspace_id, id, contact_id, message_id, type, occurred_at)
    select ${workspaceId}, 'e' || g || '-' || k || '-' || t, 'c' || g || '-1', 'm' || g || '-' || k, t,
      ${asOf}::date - k * 9
    from generate_series(1, ${n}) g, generate_series(1, 4) k, unnest(array['delivered', 'opened']) t
    where t = 'delivered' or (g + k) % 3 = 0`);
  // Rollups: two event names a day (a tenth of the accounts silent for the last 30 days); events per row
  // spread around the mean that makes the whole table stand for `events`.
  const rowCount = n * days * 2 - Math.floor(n / 10) * Math.min(days, 30) * 2;
  const perRow = seed.events / rowCount;
  await run(sql`insert into usage_daily (workspace_id, account_id, day, name, events, quantity, users)
    select ${workspaceId}, 'a' || g, ${asOf}::date - d, nm, x, x, 1 + (g + d) % 3
    from generate_series(1, ${n}) g, generate_series(0, ${days - 1}) d,
      unnest(array['login', 'report_exported']) nm,
      lateral (select greatest(1, round(${perRow}::float8 * (0.5 + ((g * 7 + d) % 11) / 10.0)))::int as x) e
    where not (g % 10 = 0 and d < 30)`);
  await run(sql`insert into usage_daily_users (workspace_id, account_id, day, contact_id)
    select ${workspaceId}, 'a' || g, ${asOf}::date - d, 'c' || g || '-' || k
    from generate_series(1, ${n}) g, generate_series(0, ${days - 1}) d, generate_series(1, 3) k
    where k <= 1 + (g + d) % 3 and not (g % 10 = 0 and d < 30)`);
  // As autovacuum would have by the time anyone asks for health: without statistics the planner takes the
  // freshly filled tables for empty ones and picks nested loops over 100,000 rows, and without a visibility
  // map every index-only scan of the rollups visits the heap too.
  for (const table of [
    'accounts',
    'contacts',
    'invoices',
    'invoice_lines',
    'payments',
    'tickets',
    'survey_responses',
    'email_events',
    'usage_daily',
    'usage_daily_users',
  ])
    await sql`vacuum analyze ${sql.table(table)}`.execute(db);
}
