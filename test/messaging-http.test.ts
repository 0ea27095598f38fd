import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TStore } from '../src/db/connect.ts';
import { createApp } from '../src/http/app.ts';
import { runDueJobs } from '../src/jobs/run-due-jobs.ts';
import { createApiKey } from '../src/modules/api-keys/create-api-key.ts';
import { queueEmail } from '../src/modules/messaging/queue-email.ts';
import { sendEmailMessage } from '../src/modules/messaging/send-email-message.ts';
import { createTestWorkspace, engineName, openTestStore } from './helpers/store.ts';

const WS = 'mail-a';
/** A header's value as sent (mailparser structures the List-* headers). */
const rawHeader = (mail: ParsedMail, name: string) =>
  mail.headerLines
    .find((h) => h.key === name)
    ?.line.slice(name.length + 1)
    .replace(/\r?\n\s+/g, '')
    .trim();
// Wednesday 2025-01-15 10:00 in New York: inside the default Mon–Fri 09:00–17:00 window.
const OPEN = new Date('2025-01-15T15:00:00Z');

describe(`email: templates, window, tracking, unsubscribe (${engineName})`, () => {
  let store: TStore;
  let app: ReturnType<typeof createApp>;
  let key: string;
  let keyB: string;
  let smtp: SMTPServer;
  const inbox: ParsedMail[] = [];
  let seq = 0;

  const call = async (apiKey: string, method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };
  const queue = (
    contactId: string,
    templateId: string,
    variables = {},
    now = OPEN,
    idempotencyKey?: string,
  ) =>
    queueEmail({
      db: store.db,
      workspaceId: WS,
      idempotencyKey: idempotencyKey ?? `test:${++seq}`,
      recipient: { contactId },
      templateId,
      variables,
      now,
      source: 'test',
    });
  const messageStatus = async (id: string) =>
    (
      await store.db
        .selectFrom('email_messages')
        .select('status')
        .where('workspace_id', '=', WS)
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;
  const eventTypes = async (messageId: string) =>
    (
      await store.db
        .selectFrom('email_events')
        .select('type')
        .where('workspace_id', '=', WS)
        .where('message_id', '=', messageId)
        .orderBy('type')
        .execute()
    ).map((e) => e.type);
  const pathOf = (url: string) => url.replace('https://tenure.example', '');

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        const isValid = auth.username === 'tenure' && auth.password === 'secret-password';
        callback(isValid ? null : new Error('bad credentials'), isValid ? { user: 'tenure' } : undefined);
      },
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => inbox.push(mail))
          .then(() => callback(), callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;

    store = await openTestStore();
    await createTestWorkspace(store, WS);
    await createTestWorkspace(store, 'mail-b');
    await store.db.updateTable('workspaces').set({ timezone: 'America/New_York' }).execute();
    for (const ws of [WS, 'mail-b']) {
      await store.db
        .insertInto('accounts')
        .values([
          { workspace_id: ws, id: 'acme', name: 'Acme' },
          { workspace_id: ws, id: 'nube', name: 'Nube SL' },
        ])
        .execute();
    }
    await store.db
      .insertInto('contacts')
      .values([
        { workspace_id: WS, id: 'ann', account_id: 'acme', email: 'ann@acme.test', name: 'Ann' },
        {
          workspace_id: WS,
          id: 'bob',
          account_id: 'acme',
          email: 'Bob@Acme.test',
          name: 'Bob',
          is_billing_contact: true,
        },
        {
          workspace_id: WS,
          id: 'lucia',
          account_id: 'nube',
          email: 'lucia@nube.test',
          name: 'Lucía',
          attributes: JSON.stringify({ language: 'es' }),
        },
        { workspace_id: 'mail-b', id: 'zed', account_id: 'acme', email: 'zed@acme.test', name: 'Zed' },
      ])
      .execute();
    key = (await createApiKey({ db: store.db, workspaceId: WS, name: 'a' })).key;
    keyB = (await createApiKey({ db: store.db, workspaceId: 'mail-b', name: 'b' })).key;
    app = createApp({ store });
    const settings = await call(key, 'PUT', '/v1/email-settings', {
      smtp_host: '127.0.0.1',
      smtp_port: port,
      smtp_username: 'tenure',
      smtp_password: 'secret-password',
      from_address: 'success@tenure.example',
      from_name: 'Acme Success',
      public_url: 'https://tenure.example/',
    });
    expect(settings.status).toBe(200);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await store.close();
  });

  it('stores settings without ever returning the password', async () => {
    const { json } = await call(key, 'GET', '/v1/email-settings');
    expect(json).toMatchObject({
      smtp_host: '127.0.0.1',
      has_password: true,
      public_url: 'https://tenure.example',
      default_locale: 'en',
      window: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    });
    expect(JSON.stringify(json)).not.toContain('secret-password');
    expect(JSON.stringify(json)).not.toContain('tracking_secret');
    const bad = await call(key, 'PUT', '/v1/email-settings', {
      window: { start: '9am', end: '17:00', days: [1] },
    });
    expect(bad.status).toBe(400);
  });

  it('sends the Spanish template to a Spanish contact and the English one otherwise, escaping variables in HTML only', async () => {
    const variables = { feature_name: '<script>alert(1)</script>' };
    const en = await queue('ann', 'automation_suggestion', variables);
    const es = await queue('lucia', 'automation_suggestion', variables);
    expect(en).toMatchObject({ status: 'queued', sendAt: OPEN });
    expect(es.status).toBe('queued');
    const before = inbox.length;
    await runDueJobs({ store, now: OPEN });
    const mails = inbox.slice(before);
    expect(mails).toHaveLength(2);
    const toAnn = mails.find((m) => m.text?.includes('Hi Ann'))!;
    const toLucia = mails.find((m) => m.text?.includes('Hola, Lucía'))!;
    expect(toAnn.subject).toBe('A way to save your team some time');
    expect(toLucia.subject).toBe('Una forma de ahorrarle tiempo a tu equipo');
    expect(toLucia.text).toContain('Darte de baja: https://tenure.example/e/u/');
    for (const mail of [toAnn, toLucia]) {
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;');
      expect(mail.text).toContain('<script>alert(1)</script>');
      expect(mail.from?.text).toBe('"Acme Success" <success@tenure.example>');
      expect(rawHeader(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(rawHeader(mail, 'list-unsubscribe')).toMatch(/^<https:\/\/tenure\.example\/e\/u\/[\w.-]+>$/);
    }
    expect(toAnn.messageId).toBe(`<${en.messageId}@tenure.example>`);
    expect(await messageStatus(en.messageId!)).toBe('sent');
    // A delivered event feeds the open rate (distinct opened / delivered messages).
    expect(await eventTypes(en.messageId!)).toEqual(['delivered']);
  });

  it('resolves an account to its billing contact, and an account without contacts to no recipient', async () => {
    const queued = await queueEmail({
      db: store.db,
      workspaceId: WS,
      idempotencyKey: 'billing-1',
      recipient: { accountId: 'acme' },
      templateId: 'card_expiring',
      variables: { last4: '4242', expires_on: '2025-02-28', update_payment_url: 'https://pay.example/u' },
      now: OPEN,
    });
    const row = await store.db
      .selectFrom('email_messages')
      .select(['to_email', 'subject'])
      .where('workspace_id', '=', WS)
      .where('id', '=', queued.messageId!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ to_email: 'Bob@Acme.test', subject: 'Your card ending in 4242 expires soon' });
    await store.db.insertInto('accounts').values({ workspace_id: WS, id: 'empty', name: 'Empty' }).execute();
    const none = await queueEmail({
      db: store.db,
      workspaceId: WS,
      idempotencyKey: 'billing-2',
      recipient: { accountId: 'empty' },
      templateId: 'card_expiring',
      now: OPEN,
    });
    expect(none).toEqual({ messageId: null, status: 'no_recipient', sendAt: null });
    await runDueJobs({ store, now: OPEN });
  });

  it('waits for the next window start in the workspace time zone outside the window', async () => {
    // Friday 2025-01-17 18:00 in New York → Monday 09:00 New York = 14:00 UTC.
    const queued = await queue('ann', 'renewal_reminder', {}, new Date('2025-01-17T23:00:00Z'));
    expect(queued.sendAt?.toISOString()).toBe('2025-01-20T14:00:00.000Z');
    const before = inbox.length;
    await runDueJobs({ store, now: new Date('2025-01-20T13:59:00Z') });
    expect(inbox.length).toBe(before);
    await runDueJobs({ store, now: new Date('2025-01-20T14:00:00Z') });
    expect(inbox.length).toBe(before + 1);
  });

  it('sends one email for the same idempotency key twice', async () => {
    const first = await queue('ann', 'win_back', {}, OPEN, 'win-back:acme');
    const second = await queue('ann', 'win_back', {}, OPEN, 'win-back:acme');
    expect(second).toEqual({ messageId: first.messageId, status: 'duplicate', sendAt: OPEN });
    const before = inbox.length;
    await runDueJobs({ store, now: OPEN });
    expect(inbox.length).toBe(before + 1);
  });

  it('sends once when the send runs twice, and never after a crash mid-send', async () => {
    const queued = await queue('ann', 'annual_offer', { discount_percent: 15 });
    const before = inbox.length;
    await runDueJobs({ store, now: OPEN });
    expect(inbox.length).toBe(before + 1);
    // A crash after the SMTP server accepted but before the status was stored: the run again sends nothing.
    await store.db
      .updateTable('email_messages')
      .set({ status: 'queued' })
      .where('id', '=', queued.messageId!)
      .execute();
    expect(await sendEmailMessage({ store, workspaceId: WS, messageId: queued.messageId!, now: OPEN })).toBe(
      'sent',
    );
    expect(inbox.length).toBe(before + 1);

    // A crash between claiming the send and knowing its outcome: the message is uncertain, not sent again.
    const crashed = await queue('ann', 'annual_offer', {});
    await store.db
      .insertInto('side_effects')
      .values({ workspace_id: WS, key: `email:${crashed.messageId}`, kind: 'email', status: 'claimed' })
      .execute();
    await runDueJobs({ store, now: OPEN });
    expect(inbox.length).toBe(before + 1);
    expect(await messageStatus(crashed.messageId!)).toBe('uncertain');
  });

  it('a message whose last send attempt died with its worker is failed, or uncertain if the send had begun', async () => {
    const before = inbox.length;
    const never = await queue('ann', 'annual_offer', {});
    const begun = await queue('ann', 'annual_offer', {});
    await store.db
      .insertInto('side_effects')
      .values({ workspace_id: WS, key: `email:${begun.messageId}`, kind: 'email', status: 'claimed' })
      .execute();
    // Both jobs' fifth and last attempts were claimed by a worker that was then killed.
    await store.db
      .updateTable('jobs')
      .set({ status: 'running', attempts: 5, locked_by: 'killed', locked_until: OPEN })
      .where('workspace_id', '=', WS)
      .where('name', '=', 'messaging.send')
      .where('status', '=', 'queued')
      .execute();
    await runDueJobs({ store, now: new Date(OPEN.getTime() + 1000) });
    expect(inbox.length).toBe(before);
    expect(await messageStatus(never.messageId!)).toBe('failed');
    expect(await messageStatus(begun.messageId!)).toBe('uncertain');
  });

  it('records opens and clicks from signed links, redirects only to the signed URL, and 404s a tampered token', async () => {
    const url = 'https://pay.example/update?customer=acme&plan=pro';
    const queued = await queue('ann', 'payment_failed', {
      amount: '$49.00',
      invoice_id: 'inv_7',
      attempt: 2,
      update_payment_url: url,
    });
    await runDueJobs({ store, now: OPEN });
    const mail = inbox.find((m) => m.messageId === `<${queued.messageId}@tenure.example>`)!;
    const html = String(mail.html);
    const pixel = /<img src="(https:\/\/tenure\.example\/e\/o\/[^"]+)"/.exec(html)![1]!;
    const click = /href="(https:\/\/tenure\.example\/e\/c\/[^"]+)"/.exec(html)![1]!;
    expect(html).not.toContain('pay.example');

    const opened = await app.request(pathOf(pixel));
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toBe('image/gif');
    expect(await eventTypes(queued.messageId!)).toEqual(['delivered', 'opened']);

    const clicked = await app.request(pathOf(click));
    expect(clicked.status).toBe(302);
    expect(clicked.headers.get('location')).toBe(url);
    expect(await eventTypes(queued.messageId!)).toEqual(['clicked', 'delivered', 'opened']);

    const token = pathOf(click).slice('/e/c/'.length);
    const [body, signature] = token.split('.') as [string, string];
    const flipped = `${body}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect((await app.request(`/e/c/${flipped}`)).status).toBe(404);
    // The same signature over another target: no open redirect.
    const fields = JSON.parse(Buffer.from(body, 'base64url').toString()) as string[];
    fields[3] = 'https://evil.example/';
    const forged = `${Buffer.from(JSON.stringify(fields)).toString('base64url')}.${signature}`;
    expect((await app.request(`/e/c/${forged}`)).status).toBe(404);
    expect((await app.request(`/e/o/${flipped}.gif`)).status).toBe(404);
    expect((await app.request(`/e/u/${flipped}`)).status).toBe(404);
  });

  it('unsubscribes with GET then POST on the link: the next email to that address goes nowhere', async () => {
    const first = await queue('lucia', 'offboarding_survey');
    // Queued for later (a Saturday): still to be sent when the unsubscribe arrives.
    const pending = await queue('lucia', 'win_back', {}, new Date('2025-01-18T15:00:00Z'));
    await runDueJobs({ store, now: OPEN });
    const mail = inbox.find((m) => m.messageId === `<${first.messageId}@tenure.example>`)!;
    const link = /(https:\/\/tenure\.example\/e\/u\/\S+)/.exec(String(mail.text))![1]!;
    expect(rawHeader(mail, 'list-unsubscribe')).toBe(`<${link}>`);

    const page = await app.request(pathOf(link));
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).toContain('<form method="post">');
    expect(pageHtml).toContain('Darme de baja');
    expect((await call(key, 'GET', '/v1/email-suppressions')).json.suppressions).toEqual([]);

    const confirmed = await app.request(pathOf(link), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(confirmed.status).toBe(200);
    expect((await call(key, 'GET', '/v1/email-suppressions')).json.suppressions).toMatchObject([
      { email: 'lucia@nube.test', reason: 'unsubscribed' },
    ]);
    expect(await eventTypes(first.messageId!)).toContain('unsubscribed');

    const before = inbox.length;
    await runDueJobs({ store, now: new Date('2025-01-20T14:00:00Z') });
    expect(await messageStatus(pending.messageId!)).toBe('suppressed');
    const next = await queue('lucia', 'win_back');
    expect(next).toMatchObject({ status: 'suppressed', sendAt: null });
    await runDueJobs({ store, now: new Date('2025-01-20T14:00:00Z') });
    expect(inbox.length).toBe(before);
    const listed = await call(key, 'GET', '/v1/email-messages?status=suppressed');
    expect(listed.json.messages.map((m: { id: string }) => m.id).sort()).toEqual(
      [pending.messageId, next.messageId].sort(),
    );
  });

  it('manages suppressions and custom templates per workspace', async () => {
    expect((await call(key, 'POST', '/v1/email-suppressions', { email: 'Ann@Acme.test' })).status).toBe(201);
    expect((await call(keyB, 'DELETE', '/v1/email-suppressions/ann@acme.test')).status).toBe(404);
    expect((await call(key, 'DELETE', '/v1/email-suppressions/ann@acme.test')).json).toEqual({
      email: 'ann@acme.test',
      deleted: true,
    });

    const list = await call(key, 'GET', '/v1/email-templates');
    const ids = new Set(
      list.json.templates.map((t: { id: string; locale: string }) => `${t.id}/${t.locale}`),
    );
    for (const id of ['onboarding_welcome', 'payment_failed', 'card_expiring', 'payment_final_notice']) {
      expect(ids.has(`${id}/en`) && ids.has(`${id}/es`)).toBe(true);
    }
    const broken = await call(key, 'PUT', '/v1/email-templates/renewal_reminder', {
      locale: 'en',
      subject: 'Renewal {{#open}}',
      html: '<p>x</p>',
      text: 'x',
    });
    expect(broken.status).toBe(400);
    const saved = await call(key, 'PUT', '/v1/email-templates/renewal_reminder', {
      locale: 'en',
      subject: 'Renewing soon, {{account_name}}',
      html: '<p>Hello {{contact_name}}</p>',
      text: 'Hello {{contact_name}}',
    });
    expect(saved.json).toMatchObject({ id: 'renewal_reminder', is_custom: true, is_builtin: true });
    const queued = await queue('ann', 'renewal_reminder');
    const row = await store.db
      .selectFrom('email_messages')
      .select('subject')
      .where('id', '=', queued.messageId!)
      .executeTakeFirstOrThrow();
    expect(row.subject).toBe('Renewing soon, Acme');
    // Another workspace still has the built-in version and no trace of this one's messages.
    const other = await call(keyB, 'GET', '/v1/email-templates');
    expect(
      other.json.templates.find(
        (t: { id: string; locale: string }) => t.id === 'renewal_reminder' && t.locale === 'en',
      ).is_custom,
    ).toBe(false);
    expect((await call(keyB, 'GET', '/v1/email-messages')).json.messages).toEqual([]);
  });

  it('fails the message at once with a clear error when SMTP is not configured (no retries to dead-letter)', async () => {
    const queued = await queueEmail({
      db: store.db,
      workspaceId: 'mail-b',
      idempotencyKey: 'b-1',
      recipient: { contactId: 'zed' },
      templateId: 'onboarding_welcome',
      now: OPEN,
    });
    // mail-b's window is the default one in its time zone (New York as set above): OPEN is inside it.
    expect(queued.sendAt).toEqual(OPEN);
    const result = await runDueJobs({ store, now: OPEN, names: ['messaging.send'] });
    expect(result).toMatchObject({ retried: 0, dead: 0 });
    const row = await store.db
      .selectFrom('email_messages')
      .select(['status', 'error'])
      .where('workspace_id', '=', 'mail-b')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/email is not configured: set smtp_host/);
  });

  it('sends a test email through the settings', async () => {
    const before = inbox.length;
    const sent = await call(key, 'POST', '/v1/email-settings/test', { to: 'admin@acme.test' });
    expect(sent).toMatchObject({ status: 200, json: { to: 'admin@acme.test', accepted: true } });
    expect(inbox.length).toBe(before + 1);
    expect(inbox.at(-1)!.subject).toBe('Tenure test email');
  });
});
