import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scanDunningCases } from '../../src/modules/dunning/scan-dunning-cases.ts';
import {
  assertDashboardBuilt,
  callApi,
  launchChromium,
  screenshot,
  signInAs,
  whyNoBrowserTests,
} from './helpers/browser.ts';
import {
  ADMIN,
  DEMO_WORKSPACE,
  startDemoServer,
  type TDemoServer,
  VIEWER,
} from './helpers/start-demo-server.ts';

const skipReason = whyNoBrowserTests();
if (skipReason) console.warn(`billing browser tests skipped: ${skipReason}`);

type TFigures = { cases: number; recovery_rate: number | null; recovered_mrr: number; lost_mrr: number };

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

describe.skipIf(skipReason !== undefined)(
  'billing pages in chromium (issue 5: dunning, retention, settings)',
  () => {
    let demo: TDemoServer;
    let browser: Browser;

    beforeAll(async () => {
      assertDashboardBuilt();
      [demo, browser] = await Promise.all([startDemoServer(), launchChromium()]);
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await demo?.close();
    });

    const signIn = (user: { email: string; password: string }): Promise<Page> =>
      signInAs(browser, demo.url, user);

    /**
     * Two failed invoices of paying accounts through the ingestion API (a soft decline and a hard one), the
     * dunning scan (the `dunning.scan` job's pass) run on the demo's store, then the soft one paid and scanned
     * again: one case recovered, one open and held for a new card, besides whatever the demo itself failed.
     */
    async function createDunningState(page: Page): Promise<void> {
      const { rows } = await sql<{ account_id: string; currency: string }>`
      select distinct on (i.account_id) i.account_id, i.currency
      from invoices i
      where i.workspace_id = ${DEMO_WORKSPACE} and i.status = 'paid'
        and i.issued_at >= current_date - 40
      order by i.account_id, i.issued_at desc
      limit 2`.execute(demo.store.db);
      expect(rows).toHaveLength(2);
      const now = new Date();
      const issued = new Date(now.getTime() - 2 * 86_400_000).toISOString();
      const failedAt = new Date(now.getTime() - 3_600_000).toISOString();
      const codes = ['insufficient_funds', 'expired_card'];
      for (const [index, row] of rows.entries()) {
        const invoice = `inv_e2e_${index + 1}`;
        await callApi(page, 'POST', '/v1/invoices', {
          id: invoice,
          account_id: row.account_id,
          issued_at: issued,
          currency: row.currency,
          status: 'open',
        });
        await callApi(page, 'POST', '/v1/payments', {
          id: `pay_e2e_${index + 1}`,
          invoice_id: invoice,
          attempted_at: failedAt,
          amount: 120,
          currency: row.currency,
          outcome: 'failed',
          failure_code: codes[index],
          payment_method: 'card',
        });
      }
      await scanDunningCases({ db: demo.store.db, workspaceId: DEMO_WORKSPACE, now });
      await callApi(page, 'POST', '/v1/payments', {
        id: 'pay_e2e_1_paid',
        invoice_id: 'inv_e2e_1',
        attempted_at: now.toISOString(),
        amount: 120,
        currency: rows[0]!.currency,
        outcome: 'succeeded',
        payment_method: 'bank_transfer',
      });
      await scanDunningCases({ db: demo.store.db, workspaceId: DEMO_WORKSPACE, now: new Date() });
    }

    test('the dunning page shows the recovery metrics GET /v1/dunning/metrics gives for its period', async () => {
      const page = await signIn(ADMIN);
      await createDunningState(page);
      await page.getByRole('navigation').getByRole('link', { name: 'Dunning' }).click();
      await page.getByRole('heading', { level: 1, name: 'Dunning' }).waitFor();
      const from = await page.getByLabel('From').inputValue();
      const to = await page.getByLabel('To', { exact: true }).inputValue();
      const metrics = await callApi<TFigures & { currency: string }>(
        page,
        'GET',
        `/v1/dunning/metrics?from=${from}&to=${nextDay(to)}`,
      );
      expect(metrics.cases).toBeGreaterThanOrEqual(2);
      const usd = new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency: metrics.currency,
        maximumFractionDigits: 2,
      });
      const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
      await expect.poll(() => page.getByTestId('dunning-cases').textContent()).toBe(String(metrics.cases));
      expect(await page.getByTestId('dunning-rate').textContent()).toBe(
        percent.format(metrics.recovery_rate!),
      );
      expect(await page.getByTestId('dunning-recovered-mrr').textContent()).toBe(
        usd.format(metrics.recovered_mrr),
      );
      expect(await page.getByTestId('dunning-lost-mrr').textContent()).toBe(usd.format(metrics.lost_mrr));
      expect(metrics.recovered_mrr).toBeGreaterThan(0);
      await page.getByRole('table', { name: 'By decline code' }).getByText('insufficient_funds').waitFor();

      // The hard decline is held for a new payment method; the paid one is recovered, and its detail says so.
      const cases = page.getByRole('table', { name: 'Cases' });
      const held = cases.locator('tr', { hasText: 'inv_e2e_2' });
      await expect.poll(() => held.textContent()).toContain('Waiting for a new payment method');
      expect(await held.textContent()).toContain('hard');
      // Its hard-decline deadline is what the server scheduled (next_step), not an estimate of the page's.
      const { cases: open } = await callApi<{
        cases: { invoice_id: string; next_step: { kind: string; at: string } | null }[];
      }>(page, 'GET', '/v1/dunning/cases?status=open');
      const heldStep = open.find((c) => c.invoice_id === 'inv_e2e_2')!.next_step;
      expect(heldStep?.kind).toBe('final_action');
      const deadline = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${heldStep!.at.slice(0, 10)}T00:00:00Z`),
      );
      expect(await held.textContent()).toContain(`Final action on ${deadline}`);
      await screenshot(page, 'dunning-cases');
      await page.getByLabel('Status').selectOption('recovered');
      await cases.getByRole('link', { name: 'inv_e2e_1' }).click();
      await page.getByRole('heading', { name: 'Invoice inv_e2e_1' }).waitFor();
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('Recovered');
      await screenshot(page, 'dunning');

      // A manager's change (the admin is one): a VIP policy with its own retry days, tried before the default.
      await page.getByRole('button', { name: 'Edit policies' }).click();
      await page.getByRole('button', { name: 'Add policy' }).click();
      const editor = page.getByRole('form', { name: 'Edit policies' });
      await editor.getByLabel('Policy', { exact: true }).fill('VIP accounts');
      await editor.getByLabel('Tier').selectOption('vip');
      await editor.getByLabel('Retry days').fill('1, 3, 6');
      await editor.getByLabel('Final action').selectOption('cancel');
      await screenshot(page, 'dunning-policy-editor');
      await page.getByRole('button', { name: 'Save policies' }).click();
      const policies = page.getByRole('table', { name: 'Policies' });
      await expect.poll(() => policies.locator('tbody tr').first().textContent()).toContain('VIP accounts');
      const saved = await callApi<{ policies: { name: string; tier: string; retry_days: number[] }[] }>(
        page,
        'GET',
        '/v1/dunning/policies',
      );
      expect(saved.policies).toMatchObject([
        { name: 'VIP accounts', tier: 'vip', retry_days: [1, 3, 6], final_action: 'cancel' },
      ]);
      await page.context().close();
    });

    test('an admin saves SMTP settings and adds a webhook endpoint whose secret is shown once', async () => {
      const page = await signIn(ADMIN);
      await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
      const email = page.getByRole('form', { name: 'Email' });
      await email.getByLabel('Host').fill('smtp.example.com');
      await email.getByLabel('Port', { exact: true }).fill('2525');
      await email.getByLabel('User name').fill('mailer');
      await email.getByLabel('Password', { exact: true }).fill('smtp secret 123');
      await email.getByLabel('From address').fill('success@example.com');
      await email.getByLabel('Reply-to').fill('help@example.com');
      await email.getByRole('button', { name: 'Save email settings' }).click();
      await email.getByText('Saved.').waitFor();
      const saved = await callApi<Record<string, unknown>>(page, 'GET', '/v1/email-settings');
      expect(saved).toMatchObject({
        smtp_host: 'smtp.example.com',
        smtp_port: 2525,
        smtp_username: 'mailer',
        has_password: true,
        from_address: 'success@example.com',
        reply_to: 'help@example.com',
      });
      expect(JSON.stringify(saved)).not.toContain('smtp secret 123');
      // Write-only: the password field comes back empty, saying a password is set.
      expect(await email.getByLabel('Password', { exact: true }).inputValue()).toBe('');
      expect(await email.getByLabel('Password', { exact: true }).getAttribute('placeholder')).toContain(
        '(set)',
      );

      const hooks = page.getByRole('form', { name: 'New endpoint' });
      await hooks.getByLabel('URL').fill('https://hooks.example.com/tenure');
      await hooks.getByLabel('Event types').fill('task.created');
      await hooks.getByRole('button', { name: 'Add endpoint' }).click();
      const secret = (await page.getByTestId('new-webhook-secret').textContent()) ?? '';
      expect(secret).toMatch(/^whsec_/);
      const row = page
        .getByRole('table', { name: 'Webhooks' })
        .locator('tr', { hasText: 'hooks.example.com' });
      await expect.poll(() => row.textContent()).toContain('task.created');
      // A test ping waits in the endpoint's delivery log until the job worker sends it.
      await row.getByRole('button', { name: 'Send test' }).click();
      const log = page.getByRole('table', { name: 'Delivery log' });
      await expect.poll(() => log.locator('tbody tr').first().textContent()).toContain('ping');
      expect(await log.locator('tbody tr').first().textContent()).toContain('Pending');
      await page.getByRole('heading', { name: 'Stripe' }).scrollIntoViewIfNeeded();
      expect(await page.getByTestId('stripe-webhook-url').textContent()).toBe(
        `${demo.url}/v1/integrations/stripe/webhook?workspace=${DEMO_WORKSPACE}`,
      );
      await screenshot(page, 'settings-billing');
      // Never again: not after a reload, not in the API's list.
      await page.reload();
      await page.getByRole('table', { name: 'Webhooks' }).waitFor();
      expect(await page.getByTestId('new-webhook-secret').count()).toBe(0);
      expect(await page.content()).not.toContain(secret);
      const list = await callApi<{ webhooks: unknown[] }>(page, 'GET', '/v1/webhooks');
      expect(JSON.stringify(list)).not.toContain(secret);
      await page.context().close();
    });

    test('the retention page shows the churn reasons report, in Spanish for a Spanish reader', async () => {
      const page = await signIn(VIEWER);
      await page.getByRole('navigation').getByRole('link', { name: 'Retention' }).click();
      await page.getByRole('heading', { level: 1, name: 'Retention' }).waitFor();
      const from = await page.getByLabel('From').inputValue();
      const to = await page.getByLabel('To', { exact: true }).inputValue();
      type TReport = {
        currency: string;
        lost_mrr: number;
        reasons: { label_en: string; label_es: string }[];
      };
      const report = await callApi<TReport>(
        page,
        'GET',
        `/v1/churn-reasons/report?from=${from}&to=${nextDay(to)}`,
      );
      expect(report.reasons.length).toBeGreaterThan(1);
      const usd = new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency: report.currency,
        maximumFractionDigits: 2,
      });
      await expect
        .poll(() => page.getByTestId('churn-lost-mrr').textContent())
        .toBe(usd.format(report.lost_mrr));
      const table = page.getByRole('table', { name: 'Churn reasons' });
      expect(await table.locator('tbody tr').count()).toBe(report.reasons.length);
      expect(await table.locator('tbody th').first().textContent()).toBe(report.reasons[0]!.label_en);
      await page.getByRole('img', { name: 'Lost MRR by churn reason' }).locator('svg').waitFor();
      await page.getByRole('heading', { name: 'Annual-plan candidates' }).waitFor();
      await screenshot(page, 'retention');

      await page.getByLabel('Language').selectOption('es');
      const tabla = page.getByRole('table', { name: 'Motivos de baja' });
      await expect
        .poll(() => tabla.locator('tbody th').first().textContent())
        .toBe(report.reasons[0]!.label_es);
      await screenshot(page, 'retention-es');
      // A viewer reads the settings but none of the admin's email, webhook or Stripe sections.
      await page.getByRole('navigation').getByRole('link', { name: 'Configuración' }).click();
      await page.getByRole('heading', { level: 1, name: 'Configuración' }).waitFor();
      expect(await page.getByRole('heading', { name: 'Webhooks' }).count()).toBe(0);
      await page.getByLabel('Idioma').selectOption('en');
      await page.context().close();
    });

    test('an admin switches MRR to ignore discounts and adds an FX rate; a viewer reads both', async () => {
      type TMrrNow = { date: string; currency: string; mrr: number };
      const page = await signIn(ADMIN);
      const before = await callApi<TMrrNow>(page, 'GET', '/v1/mrr');
      await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
      // The demo holds data: its currency and time zone are shown, fixed, with the reason.
      const basis = page.getByRole('form', { name: 'Currency and time zone' });
      expect(await basis.getByLabel('Reporting currency').isDisabled()).toBe(true);
      await basis.getByText(/This workspace holds data/).waitFor();

      const options = page.getByRole('form', { name: 'Metric options' });
      await options.getByLabel('Ignore discounts (MRR = list price)').check();
      let question = '';
      page.once('dialog', (dialog) => {
        question = dialog.message();
        void dialog.accept();
      });
      await options.getByRole('button', { name: 'Save and recompute MRR' }).click();
      await options.getByText('Saved. MRR and its movements were recomputed.').waitFor();
      expect(question).toContain('will be recomputed');
      const workspace = await callApi<{ settings: Record<string, unknown> }>(page, 'GET', '/v1/workspace');
      expect(workspace.settings['mrr.discounts']).toBe('ignore');
      const after = await callApi<TMrrNow>(page, 'GET', '/v1/mrr');
      // The demo grants discounts: counting list prices raises MRR.
      expect(after.mrr).toBeGreaterThan(before.mrr);
      const usd = new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency: after.currency,
        maximumFractionDigits: 2,
      });
      await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
      await expect.poll(() => page.getByTestId('kpi-mrr').textContent()).toBe(usd.format(after.mrr));

      // A CRC rate for today: saved through POST /v1/fx-rates, then first in the newest-first table.
      await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
      const currencies = page.getByRole('table', { name: 'Currencies in use' });
      await expect
        .poll(() => currencies.locator('tr', { hasText: 'CRC' }).textContent())
        .toContain('1 CRC = ');
      const add = page.getByRole('form', { name: 'Add a rate' });
      await add.getByLabel('Currency').selectOption('CRC');
      const day = await add.getByLabel('Date').inputValue();
      expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await add.getByLabel('USD for 1 CRC').fill('0.0019');
      await add.getByText('1 CRC = 0.0019 USD (so 1 USD = 526.316 CRC)').waitFor();
      await add.getByRole('button', { name: 'Save rate' }).click();
      await add.getByText('Rate saved. MRR was recomputed.').waitFor();
      const shownDay = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${day}T00:00:00Z`),
      );
      // Newest first: the demo's weekly rates run a few weeks past today, so today's is on the first page.
      const rates = page.getByRole('table', { name: 'FX rates' });
      await expect
        .poll(() => rates.locator('tbody tr', { hasText: shownDay }).textContent())
        .toBe(`${shownDay}CRC1 CRC = 0.0019 USD1 USD = 526.316 CRCDelete`);
      const stored = await callApi<{ rates: { currency: string; date: string; rate: string }[] }>(
        page,
        'GET',
        `/v1/fx-rates?currency=CRC&from=${day}&to=${day}`,
      );
      expect(stored.rates[0]).toMatchObject({ currency: 'CRC', date: day });
      expect(Number(stored.rates[0]!.rate)).toBe(0.0019);
      await page.getByRole('heading', { name: 'Currencies and FX rates' }).scrollIntoViewIfNeeded();
      await screenshot(page, 'settings-workspace-fx');

      // A viewer reads the options and the rates, with no control to change them.
      const viewer = await signIn(VIEWER);
      await viewer.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
      await expect
        .poll(() => viewer.getByTestId('option-mrr.discounts').textContent())
        .toBe('Ignore discounts (MRR = list price)');
      await viewer.getByRole('table', { name: 'FX rates' }).waitFor();
      expect(await viewer.getByRole('form', { name: 'Metric options' }).count()).toBe(0);
      expect(await viewer.getByRole('form', { name: 'Add a rate' }).count()).toBe(0);
      expect(await viewer.getByRole('button', { name: /^Delete the CRC rate/ }).count()).toBe(0);
      await viewer.setViewportSize({ width: 768, height: 800 });
      await screenshot(viewer, 'viewer-settings-fx-768');
      await viewer.getByLabel('Language').selectOption('es');
      await viewer.getByRole('table', { name: 'Monedas en uso' }).waitFor();
      await expect
        .poll(() => viewer.getByTestId('option-mrr.discounts').textContent())
        .toBe('Ignorar los descuentos (MRR = precio de lista)');
      await screenshot(viewer, 'viewer-settings-fx-es-768');
      await viewer.getByLabel('Idioma').selectOption('en');
      await viewer.getByRole('table', { name: 'Currencies in use' }).waitFor();
      await viewer.context().close();

      // Euros billed this month with only a rate of two months ago: the month is listed as missing its rate,
      // and that rate cannot be deleted while the invoice needs it.
      const [account] = (
        await sql<{ id: string }>`
          select id from accounts where workspace_id = ${DEMO_WORKSPACE} order by id limit 1`.execute(
          demo.store.db,
        )
      ).rows;
      const eurDay = new Date(Date.parse(`${day}T00:00:00Z`) - 60 * 86_400_000).toISOString().slice(0, 10);
      await callApi(page, 'POST', '/v1/fx-rates', { currency: 'EUR', date: eurDay, rate: '1.08' });
      await callApi(page, 'POST', '/v1/invoices', {
        id: 'inv_e2e_eur',
        account_id: account!.id,
        issued_at: day,
        currency: 'EUR',
        status: 'paid',
      });
      await callApi(page, 'POST', '/v1/invoice-lines', {
        id: 'line_e2e_eur',
        invoice_id: 'inv_e2e_eur',
        type: 'one_time',
        amount: '100.00',
      });
      await page.reload();
      const eurShown = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${eurDay}T00:00:00Z`),
      );
      const missing = page.getByRole('table', { name: 'Months without a rate' });
      await expect
        .poll(() => missing.locator('tbody tr', { hasText: 'EUR' }).textContent())
        .toContain(`Rate of ${eurShown} 1 EUR = 1.08 USD`);
      await screenshot(page, 'settings-fx-missing');
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: `Delete the EUR rate of ${eurShown}` }).click();
      await expect
        .poll(() => page.getByRole('alert').first().textContent())
        .toMatch(
          /^The rate was not deleted: the invoice "inv_e2e_eur" in EUR dated .* would have no exchange rate/,
        );
      // The CRC rate added above can go: amounts of its days convert at the rate before it again.
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: `Delete the CRC rate of ${shownDay}` }).click();
      await expect.poll(() => rates.locator('tbody tr', { hasText: shownDay }).count()).toBe(0);
      const gone = await callApi<{ total: number }>(
        page,
        'GET',
        `/v1/fx-rates?currency=CRC&from=${day}&to=${day}`,
      );
      expect(gone.total).toBe(0);

      // Back as it was, for whoever reads the demo next.
      await callApi(page, 'PATCH', '/v1/workspace', { settings: { 'mrr.discounts': 'deduct' } });
      expect((await callApi<TMrrNow>(page, 'GET', '/v1/mrr')).mrr).toBe(before.mrr);
      await page.context().close();
    });
  },
);
