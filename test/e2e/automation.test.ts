import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { todayIn } from '../../src/http/today-in.ts';
import { createPlaybookFromTemplate } from '../../src/modules/playbooks/create-playbook-from-template.ts';
import { createTask } from '../../src/modules/tasks/create-task.ts';
import { createUser } from '../../src/modules/users/create-user.ts';
import { getWorkspace } from '../../src/modules/workspaces/get-workspace.ts';
import {
  assertDashboardBuilt,
  launchChromium,
  screenshot,
  signInAs,
  whyNoBrowserTests,
} from './helpers/browser.ts';
import { DEMO_WORKSPACE, startDemoServer, type TDemoServer, VIEWER } from './helpers/start-demo-server.ts';

const skipReason = whyNoBrowserTests();
if (skipReason) console.warn(`automation browser tests skipped: ${skipReason}`);

const MANAGER = { email: 'manager@example.com', password: 'manager horse battery', role: 'manager' } as const;
const CSM = { email: 'csm@example.com', password: 'csm horse battery staple', role: 'csm' } as const;
const ACCOUNT = 'acc_000001';

describe.skipIf(skipReason !== undefined)('tasks and playbooks in chromium (issue 5 journeys)', () => {
  let demo: TDemoServer;
  let browser: Browser;
  let today: string;

  beforeAll(async () => {
    assertDashboardBuilt();
    [demo, browser] = await Promise.all([startDemoServer(), launchChromium()]);
    // The demo has an admin and a viewer; these journeys are a manager's and a CSM's.
    for (const user of [MANAGER, CSM])
      await createUser({ db: demo.store.db, workspaceId: DEMO_WORKSPACE, ...user });
    const { timezone } = await getWorkspace({ db: demo.store.db, workspaceId: DEMO_WORKSPACE });
    today = todayIn(timezone);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  const signIn = (user: { email: string; password: string }): Promise<Page> =>
    signInAs(browser, demo.url, user);

  const dayBefore = (date: string) =>
    new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

  test('a manager creates a playbook from a template, dry-runs it and reads who would enter', async () => {
    const page = await signIn(MANAGER);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Playbooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Playbooks' }).waitFor();
    await page.getByRole('button', { name: 'Create a playbook from "Renewal reminder, 30 days"' }).click();
    await page.waitForURL('**/playbooks?playbook=renewal-reminder-30');
    await page.getByRole('heading', { level: 2, name: 'Renewal reminder, 30 days' }).waitFor();
    // A playbook made from a template starts disabled, its trigger and steps said in words.
    expect(await page.getByTestId('playbook-state').textContent()).toBe('Disabled');
    await page.getByText('Renewal due in 30 days').first().waitFor();
    await page
      .locator('.playbook-steps')
      .getByText('Create the task "Renewal in 30 days: review the account" for the account owner')
      .waitFor();
    expect(
      await page.getByRole('table', { name: 'Playbooks' }).getByRole('link').allTextContents(),
    ).toContain('Renewal reminder, 30 days');

    await page.getByLabel('Occurrences since').selectOption({ label: 'the last 30 days' });
    const answer = page.waitForResponse((r) => r.url().endsWith('/v1/playbooks/renewal-reminder-30/dry-run'));
    await page.getByRole('button', { name: 'Run dry run' }).click();
    const response = await answer;
    expect(response.status()).toBe(200);
    const dryRun = (await response.json()) as { entering: { account_name: string }[] };
    const result = page.getByTestId('dry-run-result');
    await result.waitFor();
    const heading = await result.getByRole('status').textContent();
    if (dryRun.entering.length === 0) expect(heading).toBe('No account would enter.');
    else {
      expect(heading).toBe(`Accounts that would enter: ${dryRun.entering.length}`);
      await result.getByRole('link', { name: dryRun.entering[0]!.account_name }).first().waitFor();
      await result.getByText('Send the email "renewal_reminder" to').first().waitFor();
    }
    await screenshot(page, 'playbook-dry-run');

    // The editor names the path of what the API refused.
    const editor = page.getByRole('region', { name: 'Edit the definition' }).getByRole('textbox');
    const definition = JSON.parse(await editor.inputValue()) as { steps: { type: string }[] };
    // biome-ignore lint/suspicious/noThenProperty: `then` is the public JSON name of a branch's target
    definition.steps.push({ id: 'broken', type: 'branch', if: 'tier = "vip"', then: 'nowhere' } as never);
    await editor.fill(JSON.stringify(definition, null, 2));
    await page.getByRole('button', { name: 'Save a new version' }).click();
    const alert = page.locator('.playbook-issues');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('steps.2.then');
    expect(await alert.textContent()).toContain('no step "nowhere"');
    await screenshot(page, 'playbook-editor-error');

    await page.getByRole('button', { name: 'Enable', exact: true }).click();
    await expect.poll(() => page.getByTestId('playbook-state').textContent()).toBe('Enabled');
    await page.context().close();
  });

  test('a CSM creates a task on an account, finds it overdue in My queue and marks it done', async () => {
    const page = await signIn(CSM);
    await page.goto(`${demo.url}/accounts/${ACCOUNT}`);
    await page.getByRole('heading', { level: 2, name: 'Tasks and playbooks' }).waitFor();
    const form = page.getByRole('form', { name: 'New task' });
    const title = 'Call about the renewal';
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Due on').fill(dayBefore(today));
    await form.getByLabel('Priority').selectOption('high');
    expect(await form.getByLabel('Owner (email)').inputValue()).toBe(CSM.email);
    await form.getByRole('button', { name: 'Create task' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `Task "${title}" created.` })
      .waitFor();
    const accountTasks = page.getByRole('table', { name: 'Open tasks' });
    await accountTasks.getByRole('rowheader', { name: title }).waitFor();
    await screenshot(page, 'account-automation');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
    const queue = page.getByRole('table', { name: 'My queue' });
    const row = queue.getByRole('row').filter({ hasText: title });
    // Overdue in words, not in colour only; the account links to its 360. The word waits for the
    // workspace's day (its time zone comes with /v1/workspace), which may arrive after the row.
    await row.filter({ hasText: 'Overdue' }).waitFor();
    expect(await row.textContent()).toContain('Overdue');
    expect(await row.textContent()).toContain('High');
    expect(await row.getByRole('link', { name: ACCOUNT }).getAttribute('href')).toBe(`/accounts/${ACCOUNT}`);
    await page.getByLabel('Only overdue').check();
    await page.waitForURL('**/tasks?overdue=true');
    await row.waitFor();
    await screenshot(page, 'tasks-my-queue');

    await row.getByRole('button', { name: `Mark "${title}" done` }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('Only overdue').uncheck();
    await page.getByLabel('Status').selectOption('done');
    const done = queue.getByRole('row').filter({ hasText: title });
    await done.getByRole('button', { name: `Reopen "${title}"` }).waitFor();
    expect(await done.textContent()).toContain('Done');
    // Done is not overdue any more.
    expect(await done.textContent()).not.toContain('Overdue');

    // Reopened, it is open work again: the team view counts it against its owner, overdue.
    await done.getByRole('button', { name: `Reopen "${title}"` }).click();
    await done.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Team' }).click();
    const owner = page
      .getByRole('table', { name: 'Open work by owner' })
      .getByRole('row')
      .filter({ hasText: CSM.email });
    await owner.waitFor();
    expect(await owner.getByRole('cell').allTextContents()).toEqual(['1', '1', '0']);
    await owner.getByRole('link', { name: CSM.email }).click();
    await page
      .getByRole('table', { name: `Tasks of ${CSM.email}` })
      .getByRole('row')
      .filter({ hasText: title })
      .waitFor();
    await screenshot(page, 'tasks-team');
    await page.context().close();
  });

  test('a viewer reads tasks and playbooks without any edit control', async () => {
    const { db } = demo.store;
    await createTask({
      db,
      workspaceId: DEMO_WORKSPACE,
      accountId: ACCOUNT,
      title: 'Send the QBR deck',
      ownerEmail: CSM.email,
      dueOn: today,
    });
    await createPlaybookFromTemplate({
      db,
      workspaceId: DEMO_WORKSPACE,
      templateId: 'detractor_follow_up',
      id: 'viewer-sees-this',
    });
    const page = await signIn(VIEWER);
    await page.goto(`${demo.url}/tasks?view=team&owner=${encodeURIComponent(CSM.email)}`);
    const tasks = page.getByRole('table', { name: `Tasks of ${CSM.email}` });
    const row = tasks.getByRole('row').filter({ hasText: 'Send the QBR deck' });
    // "Due today" waits for the workspace's day, which may arrive after the row.
    await row.filter({ hasText: 'Due today' }).waitFor();
    expect(await row.textContent()).toContain('Due today');
    expect(await page.getByRole('button', { name: /Mark .* done|Reopen/ }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'New task' }).count()).toBe(0);
    await page.getByText('Your role can read tasks but not change them.').waitFor();
    await screenshot(page, 'viewer-tasks');

    await page.goto(`${demo.url}/playbooks?playbook=viewer-sees-this`);
    await page.getByRole('heading', { level: 2, name: 'Detractor follow-up' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Templates' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Renewal reminder, 30 days' }).waitFor();
    for (const name of [
      /Create a playbook from/,
      /^Enable$/,
      /^Disable$/,
      'Save a new version',
      'Create playbook',
    ])
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    expect(await page.locator('textarea').count()).toBe(0);
    // A dry run writes nothing, so CSMs may run one; a viewer may not.
    expect(await page.getByRole('button', { name: 'Run dry run' }).count()).toBe(0);
    await page.getByText('Call back an NPS detractor').first().waitFor();
    await screenshot(page, 'viewer-playbook');

    await page.goto(`${demo.url}/accounts/${ACCOUNT}`);
    await page.getByRole('heading', { level: 2, name: 'Tasks and playbooks' }).waitFor();
    await page.getByRole('table', { name: 'Open tasks' }).getByText('Send the QBR deck').waitFor();
    expect(await page.getByRole('form', { name: 'New task' }).count()).toBe(0);
    await page.context().close();
  });
});
