import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { AppError } from '../src/errors.ts';
import { importPaths } from '../src/modules/imports/import-paths.ts';
import { engineName, openTestStore } from './helpers/store.ts';

const VALID = path.join(import.meta.dirname, 'fixtures/import/valid');

describe(`import of invalid files (${engineName})`, () => {
  let store: TStore;
  let tmp: string;
  beforeAll(async () => {
    store = await openTestStore();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-import-errors-'));
    await importPaths({ store, workspaceId: 'acme-co', paths: [VALID] });
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  function write(name: string, content: string): string {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, content);
    return file;
  }

  async function countOf(
    table: 'accounts' | 'invoices' | 'invoice_lines' | 'payments' | 'events' | 'fx_rates',
  ) {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  /** Imports a file that must fail; returns its error lines and checks nothing of it was written. */
  async function rejectedLines(table: Parameters<typeof countOf>[0], name: string, content: string) {
    const before = await countOf(table);
    const file = write(name, content);
    const error = await importPaths({ store, workspaceId: 'acme-co', paths: [file] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_input');
    expect(await countOf(table)).toBe(before);
    const prefix = `${file}:`;
    return (error as AppError).message
      .split('\n')
      .filter((l) => l.startsWith(prefix))
      .map((l) => l.slice(prefix.length));
  }

  it('reports a missing required column once for the file', async () => {
    expect(await rejectedLines('accounts', 'accounts.csv', 'id,owner_email\nz1,a@b.c\nz2,\n')).toEqual([
      '1: name: missing required column',
    ]);
  });

  it('reports bad dates, with the calendar checked and an offset required', async () => {
    const lines = await rejectedLines(
      'invoices',
      'invoices.csv',
      'id,account_id,issued_at,currency,status\n' +
        'x1,acme,03/01/2024,USD,paid\n' +
        'x2,acme,2024-02-30,USD,paid\n' +
        'x3,acme,2024-03-01T10:00:00,USD,paid\n' +
        'x4,acme,2024-03-01T10:00:00+01:00,USD,paid\n' +
        'x5,acme,,USD,paid\n',
    );
    expect(lines).toEqual([
      '2: issued_at: "03/01/2024" is not a date (use YYYY-MM-DD or an ISO 8601 timestamp with offset)',
      '3: issued_at: "2024-02-30" is not a date (use YYYY-MM-DD or an ISO 8601 timestamp with offset)',
      '4: issued_at: "2024-03-01T10:00:00" has no time zone offset (add Z or an offset such as +01:00)',
      '6: issued_at: missing value',
    ]);
  });

  it('reports bad amounts: too many decimals, comma separator, letters, negative', async () => {
    const lines = await rejectedLines(
      'payments',
      'payments.csv',
      'id,invoice_id,attempted_at,amount,currency,outcome\n' +
        'y1,inv_1,2024-01-03,10.999,USD,succeeded\n' +
        'y2,inv_1,2024-01-03,"10,50",USD,succeeded\n' +
        'y3,inv_1,2024-01-03,ten,USD,succeeded\n' +
        'y4,inv_1,2024-01-03,-5.00,USD,refunded\n' +
        'y5,inv_1,2024-01-03,1.5,JPY,succeeded\n' +
        'y6,inv_1,2024-01-03,1.50,XYZ,succeeded\n',
    );
    expect(lines).toEqual([
      '2: amount: "10.999" has 3 decimals but USD allows at most 2',
      '3: amount: "10,50" is not an amount: use "." as the decimal separator and no thousands separator',
      '4: amount: "ten" is not an amount (use digits with "." as the decimal separator, e.g. 49.99)',
      '5: amount: "-5.00" is negative: credit notes and refunds as negative amounts are not supported',
      '6: amount: "1.5" has 1 decimal but JPY allows at most 0',
      '7: currency: "XYZ" is not an ISO 4217 currency code',
    ]);
  });

  it("bounds invoice line decimals by their invoice's currency", async () => {
    await importPaths({
      store,
      workspaceId: 'acme-co',
      paths: [
        write('fx_rates.csv', 'date,currency,rate\n2023-01-01,JPY,0.0067\n'),
        write('invoices.csv', 'id,account_id,issued_at,currency,status\ninv_jp,acme,2024-01-01,JPY,paid\n'),
      ],
    });
    const lines = await rejectedLines(
      'invoice_lines',
      'invoice_lines.csv',
      'id,invoice_id,type,amount,discount\nj1,inv_jp,one_time,1000.5,0\nj2,inv_jp,one_time,1000,2000\n',
    );
    expect(lines).toEqual([
      '2: amount: "1000.5" has 1 decimal but JPY allows at most 0',
      '3: discount: discount 2000 is more than the amount 1000',
    ]);
  });

  it('reports unknown references, checked against the workspace', async () => {
    const lines = await rejectedLines(
      'invoice_lines',
      'invoice_lines.csv',
      'id,invoice_id,type,amount\nk1,inv_1,one_time,1\nk2,inv_9,one_time,1\n',
    );
    expect(lines).toEqual(['3: invoice_id: unknown invoice "inv_9"']);
    expect(
      await rejectedLines(
        'events',
        'events.csv',
        'id,account_id,contact_id,name,occurred_at\nv1,nope,c9,login,2024-01-01\n',
      ),
    ).toEqual(['2: account_id: unknown account "nope"', '2: contact_id: unknown contact "c9"']);
  });

  it('reports a duplicate id on its second occurrence, naming the first line', async () => {
    const lines = await rejectedLines(
      'accounts',
      'accounts.csv',
      'id,name\nacc_0,Zero\nacc_x,X\nacc_1,One\nacc_2,Two\nacc_1,One again\n',
    );
    expect(lines).toEqual(['6: id: duplicate id "acc_1" (first on line 4)']);
    expect(
      await rejectedLines(
        'fx_rates',
        'fx_rates.csv',
        'date,currency,rate\n2024-05-01,GBP,1.2\n2024-05-01,gbp,1.3\n',
      ),
    ).toEqual(['3: date: duplicate rate for GBP on 2024-05-01 (first on line 2)']);
  });

  it('reports bad enums, booleans, integers, JSON and survey scores', async () => {
    expect(
      await rejectedLines(
        'invoices',
        'invoices.csv',
        'id,account_id,issued_at,currency,status\nq1,acme,2024-01-01,USD,shipped\n',
      ),
    ).toEqual(['2: status: "shipped" is not one of draft, open, paid, void, uncollectible']);
    expect(
      await rejectedLines(
        'accounts',
        'contacts.csv',
        'id,account_id,email,is_billing_contact\nq2,acme,a@b.c,maybe\n',
      ),
    ).toEqual(['2: is_billing_contact: "maybe" is not a boolean (use true/false, 1/0 or yes/no)']);
    expect(
      await rejectedLines(
        'events',
        'tickets.csv',
        'id,account_id,opened_at,status,satisfaction,agent_replies\nq3,acme,2024-01-01,open,6,-1\n',
      ),
    ).toEqual(['2: agent_replies: "-1" must be at least 0', '2: satisfaction: "6" must be between 1 and 5']);
    expect(
      await rejectedLines(
        'events',
        'events.csv',
        'id,account_id,name,occurred_at,properties\nq4,acme,x,2024-01-01,[1]\n',
      ),
    ).toEqual(['2: properties: "[1]" is not a JSON object']);
    expect(
      await rejectedLines(
        'events',
        'survey_responses.csv',
        'id,account_id,survey,score,responded_at\nq5,acme,nps,11,2024-01-01\nq6,acme,custom,-3.5,2024-01-01\n',
      ),
    ).toEqual(['2: score: "11" is not an NPS score (a whole number from 0 to 10)']);
  });

  it('requires an FX rate on or before the date of money in another currency', async () => {
    expect(
      await rejectedLines(
        'invoices',
        'invoices.csv',
        'id,account_id,issued_at,currency,status\nf1,acme,2022-06-01,EUR,paid\nf2,acme,2024-01-01,CHF,paid\n',
      ),
    ).toEqual([
      '2: currency: no exchange rate for EUR on or before 2022-06-01 (add one to fx_rates.csv)',
      '3: currency: no exchange rate for CHF on or before 2024-01-01 (add one to fx_rates.csv)',
    ]);
  });

  it('counts physical lines across quoted multi-line fields and CRLF', async () => {
    const lines = await rejectedLines(
      'accounts',
      'accounts.csv',
      'id,name,note\r\nm1,"Multi\r\nline\r\nname",x\r\n\r\nm2,,"a\nb"\r\nm3,Ok,\r\n',
    );
    expect(lines).toEqual(['6: name: missing value']);
  });

  it('lists at most 100 errors, then how many more', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `bad${i},`).join('\n');
    const file = write('accounts.csv', `id,name\n${rows}\n`);
    const error = (await importPaths({ store, workspaceId: 'acme-co', paths: [file] }).catch(
      (e) => e,
    )) as AppError;
    expect(error.message.split('\n').filter((l) => l.startsWith(file))).toHaveLength(100);
    expect(error.message).toContain('… and 50 more');
    expect((error.details as { errors: unknown[] }).errors).toHaveLength(100);
    expect((error.details as { errors: unknown[] }).errors[0]).toEqual({
      file,
      line: 2,
      column: 'name',
      message: 'missing value',
    });
  });

  it('keeps earlier files of an import when a later file is invalid', async () => {
    const dir = path.join(tmp, 'partial');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'accounts.csv'), 'id,name\npa1,Kept\n');
    fs.writeFileSync(
      path.join(dir, 'invoices.csv'),
      'id,account_id,issued_at,currency,status\npi1,pa1,2024,USD,paid\n',
    );
    await expect(importPaths({ store, workspaceId: 'acme-co', paths: [dir] })).rejects.toThrow(
      'invoices.csv:2: issued_at: "2024" is not a date',
    );
    expect(
      await store.db.selectFrom('accounts').select('name').where('id', '=', 'pa1').executeTakeFirst(),
    ).toEqual({
      name: 'Kept',
    });
  });

  it('with skipInvalid imports the valid rows and writes the others to a rejects file with an error column', async () => {
    const file = write(
      'accounts.csv',
      'id,name,tier\nok1,Fine,gold\nbad1,,silver\nok2,"Also\nfine",\nok1,Dup,\n',
    );
    const summary = await importPaths({ store, workspaceId: 'acme-co', paths: [file], skipInvalid: true });
    expect(summary.files[0]).toMatchObject({
      rows: 4,
      inserted: 2,
      rejected: 2,
      rejects_file: `${file}.rejected.csv`,
    });
    expect(fs.readFileSync(`${file}.rejected.csv`, 'utf8')).toBe(
      'id,name,tier,error\nbad1,,silver,name: missing value\nok1,Dup,,"id: duplicate id ""ok1"" (first on line 2)"\n',
    );
    const names = await store.db
      .selectFrom('accounts')
      .select(['id', 'name'])
      .where('id', 'in', ['ok1', 'ok2', 'bad1'])
      .orderBy('id')
      .execute();
    expect(names).toEqual([
      { id: 'ok1', name: 'Fine' },
      { id: 'ok2', name: 'Also\nfine' },
    ]);
  });
});
