import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { importPaths } from '../src/modules/imports/import-paths.ts';
import { engineName, openTestStore } from './helpers/store.ts';

const VALID = path.join(import.meta.dirname, 'fixtures/import/valid');
const TABLES = [
  'accounts',
  'contacts',
  'fx_rates',
  'plans',
  'subscriptions',
  'invoices',
  'invoice_lines',
  'payments',
  'events',
  'tickets',
  'survey_responses',
  'email_events',
  'costs',
] as const;

async function countRows(store: TStore, workspaceId: string) {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    counts[table] = row.n;
  }
  return counts;
}

async function dumpTables(store: TStore, workspaceId: string) {
  const dump: Record<string, unknown[]> = {};
  for (const table of [...TABLES, 'mrr_movements'] as const) {
    dump[table] = await store.db
      .selectFrom(table)
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .execute();
  }
  return dump;
}

describe(`import of valid files (${engineName})`, () => {
  let store: TStore;
  let tmp: string;
  beforeAll(async () => {
    store = await openTestStore();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-import-'));
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('imports a directory of all thirteen files in dependency order, creating the workspace', async () => {
    const done: string[] = [];
    const summary = await importPaths({
      store,
      workspaceId: 'acme-co',
      paths: [VALID],
      onFileDone: (f) => done.push(f.entity),
    });
    expect(done).toEqual([...TABLES]);
    expect(summary.files.map((f) => [f.entity, f.rows, f.inserted])).toEqual([
      ['accounts', 3, 3],
      ['contacts', 3, 3],
      ['fx_rates', 2, 2],
      ['plans', 2, 2],
      ['subscriptions', 2, 2],
      ['invoices', 3, 3],
      ['invoice_lines', 4, 4],
      ['payments', 3, 3],
      ['events', 3, 3],
      ['tickets', 2, 2],
      ['survey_responses', 3, 3],
      ['email_events', 3, 3],
      ['costs', 2, 2],
    ]);
    expect(summary).toMatchObject({ inserted: 35, updated: 0, unchanged: 0, rejected: 0 });
    expect(summary.warnings).toEqual([`${path.join(VALID, 'events.csv')}: unknown column "source" ignored`]);
    expect(await countRows(store, 'acme-co')).toEqual({
      accounts: 3,
      contacts: 3,
      fx_rates: 2,
      plans: 2,
      subscriptions: 2,
      invoices: 3,
      invoice_lines: 4,
      payments: 3,
      events: 3,
      tickets: 2,
      survey_responses: 3,
      email_events: 3,
      costs: 2,
    });
    const runs = await store.db
      .selectFrom('import_runs')
      .selectAll()
      .where('workspace_id', '=', 'acme-co')
      .execute();
    expect(runs.map((r) => r.entity).sort()).toEqual([...TABLES].sort());
  });

  it('accepts a BOM and trimmed, case-insensitive headers, and types custom attributes by value', async () => {
    const accounts = await store.db.selectFrom('accounts').selectAll().orderBy('id').execute();
    expect(accounts.map((a) => [a.id, a.name, a.attributes])).toEqual([
      ['acme', 'Acme Inc', { Industry: 'Software', seats: 25, is_partner: true, renewal_date: '2025-01-01' }],
      ['globex', 'Globex, "The" Corp', { Industry: 'Manufacturing', is_partner: false }],
      ['initech', 'Initech', { seats: '007' }],
    ]);
    expect(accounts[0]!.created_at).toEqual(new Date('2023-01-15T00:00:00Z'));
    const contact = await store.db
      .selectFrom('contacts')
      .selectAll()
      .where('id', '=', 'c1')
      .executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ is_billing_contact: true, attributes: { department: 'Finance' } });
  });

  it('stores values typed: upper-case currencies, defaults, dates, JSON, multi-line text', async () => {
    const lines = await store.db.selectFrom('invoice_lines').selectAll().orderBy('id').execute();
    expect(lines.map((l) => [l.id, l.quantity, l.amount, l.discount, l.tax, l.service_start])).toEqual([
      ['l1', '1', '100.00', '0', '20', '2024-01-01'],
      ['l2', '2', '200.00', '10', '0', '2024-02-01'],
      ['l3', '1', '1200', '0', '0', '2024-01-01'],
      ['l4', '1', '50', '0', '0', null],
    ]);
    const invoice = await store.db
      .selectFrom('invoices')
      .selectAll()
      .where('id', '=', 'inv_2')
      .executeTakeFirstOrThrow();
    expect(invoice.currency).toBe('USD');
    const rates = await store.db
      .selectFrom('fx_rates')
      .select(['currency', 'date', 'rate'])
      .orderBy('date')
      .execute();
    expect(rates).toEqual([
      { currency: 'EUR', date: '2023-01-01', rate: '1.10' },
      { currency: 'EUR', date: '2024-01-01', rate: '1.08' },
    ]);
    const event = await store.db
      .selectFrom('events')
      .selectAll()
      .where('id', '=', 'e2')
      .executeTakeFirstOrThrow();
    expect(event.properties).toEqual({ format: 'pdf' });
    expect(
      (await store.db.selectFrom('events').selectAll().where('id', '=', 'e1').executeTakeFirstOrThrow())
        .occurred_at,
    ).toEqual(new Date('2024-01-02T07:00:00Z'));
    const ticket = await store.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', 't2')
      .executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ subject: 'Billing\nquestion', is_complaint: true, agent_replies: null });
    const plan = await store.db
      .selectFrom('plans')
      .selectAll()
      .where('id', '=', 'pro_y')
      .executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ interval_count: 1, currency: 'USD' });
  });

  it('recomputes MRR movements of the imported invoices, converting with FX rates', async () => {
    const moves = await store.db
      .selectFrom('mrr_movements')
      .select(['account_id', 'date', 'type'])
      .where('workspace_id', '=', 'acme-co')
      .orderBy('account_id')
      .orderBy('date')
      .execute();
    expect(moves).toEqual([
      { account_id: 'acme', date: '2024-01-01', type: 'new' },
      { account_id: 'acme', date: '2024-02-01', type: 'expansion' },
      { account_id: 'acme', date: '2024-03-01', type: 'churn' },
      { account_id: 'globex', date: '2024-01-01', type: 'new' },
      { account_id: 'globex', date: '2025-01-01', type: 'churn' },
    ]);
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = await dumpTables(store, 'acme-co');
    const summary = await importPaths({ store, workspaceId: 'acme-co', paths: [VALID] });
    expect(summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 35, rejected: 0 });
    expect(await dumpTables(store, 'acme-co')).toEqual(before);
  });

  it('updates a row whose values changed and counts it as updated', async () => {
    const file = path.join(tmp, 'invoice_lines.csv');
    fs.writeFileSync(
      file,
      'id,invoice_id,type,subscription_id,service_start,service_end,amount\n' +
        'l2,inv_2,subscription,sub_acme,2024-02-01,2024-03-01,300.00\n' +
        'l1,inv_1,subscription,sub_acme,2024-01-01,2024-02-01,100.00\n' +
        'l9,inv_1,one_time,,,,5\n',
    );
    const summary = await importPaths({ store, workspaceId: 'acme-co', paths: [file] });
    expect(summary.files[0]).toMatchObject({ rows: 3, inserted: 1, updated: 1, unchanged: 1, rejected: 0 });
    const l2 = await store.db
      .selectFrom('invoice_lines')
      .selectAll()
      .where('id', '=', 'l2')
      .executeTakeFirstOrThrow();
    // Columns absent from the file (plan_id, quantity, discount) keep their stored values.
    expect(l2).toMatchObject({ amount: '300.00', plan_id: 'pro_m', quantity: '2', discount: '10' });
    const feb = await store.db
      .selectFrom('mrr_movements')
      .select(['type', 'mrr_after'])
      .where('account_id', '=', 'acme')
      .where('date', '=', '2024-02-01')
      .executeTakeFirstOrThrow();
    expect(feb.type).toBe('expansion');
    expect(Number(feb.mrr_after)).toBe(290);
  });

  it('recomputes MRR when an invoice is voided, and leaves it when only new invoices arrive', async () => {
    const file = path.join(tmp, 'invoices.csv');
    fs.writeFileSync(
      file,
      'id,account_id,issued_at,currency,status\n' +
        'inv_2,acme,2024-02-01,USD,void\n' +
        'inv_new,acme,2024-03-01,USD,open\n',
    );
    const summary = await importPaths({ store, workspaceId: 'acme-co', paths: [file] });
    expect(summary.files[0]).toMatchObject({ inserted: 1, updated: 1 });
    const acme = await store.db
      .selectFrom('mrr_movements')
      .select(['date', 'type'])
      .where('workspace_id', '=', 'acme-co')
      .where('account_id', '=', 'acme')
      .orderBy('date')
      .execute();
    // Without inv_2's line, acme's January month simply ends: no expansion in February.
    expect(acme).toEqual([
      { date: '2024-01-01', type: 'new' },
      { date: '2024-02-01', type: 'churn' },
    ]);
  });

  it('reads gzipped files', async () => {
    const file = path.join(tmp, 'costs.csv.gz');
    fs.writeFileSync(
      file,
      zlib.gzipSync(
        'id,period_start,period_end,amount,currency,kind\nk3,2024-02-01,2024-03-01,99.95,USD,retention\n',
      ),
    );
    const summary = await importPaths({ store, workspaceId: 'acme-co', paths: [file] });
    expect(summary.files[0]).toMatchObject({ entity: 'costs', rows: 1, inserted: 1 });
    const cost = await store.db
      .selectFrom('costs')
      .selectAll()
      .where('id', '=', 'k3')
      .executeTakeFirstOrThrow();
    expect(cost.amount).toBe('99.95');
  });

  it('places plain dates at midnight in the workspace time zone', async () => {
    await store.db
      .insertInto('workspaces')
      .values({ workspace_id: 'berlin', timezone: 'Europe/Berlin' })
      .execute();
    const file = path.join(tmp, 'accounts.csv');
    fs.writeFileSync(file, 'id,name,created_at\nb1,B,2024-03-01\nb2,B2,2024-03-01T23:30:00Z\n');
    await importPaths({ store, workspaceId: 'berlin', paths: [file] });
    const rows = await store.db
      .selectFrom('accounts')
      .select(['id', 'created_at'])
      .where('workspace_id', '=', 'berlin')
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'b1', created_at: new Date('2024-02-29T23:00:00Z') },
      { id: 'b2', created_at: new Date('2024-03-01T23:30:00Z') },
    ]);
  });

  it('refuses an explicit file whose name it does not recognise', async () => {
    const file = path.join(tmp, 'customers.csv');
    fs.writeFileSync(file, 'id,name\n');
    await expect(importPaths({ store, workspaceId: 'acme-co', paths: [file] })).rejects.toMatchObject({
      code: 'invalid_usage',
    });
  });
});
