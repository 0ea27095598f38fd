import type { TDb } from '../src/db/connect.ts';

/** Rows for playbook tests, written straight to the tables with explicit timestamps. */
export async function insertPlaybookAccount(
  db: TDb,
  workspaceId: string,
  input: {
    id: string;
    ownerEmail?: string;
    stage?: string;
    tier?: 'vip' | 'core' | 'non_core' | 'potential';
    attributes?: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('accounts')
    .values({
      workspace_id: workspaceId,
      id: input.id,
      name: `Account ${input.id}`,
      owner_email: input.ownerEmail ?? 'csm@example.com',
      attributes: JSON.stringify(input.attributes ?? {}),
    })
    .execute();
  await db
    .insertInto('contacts')
    .values({
      workspace_id: workspaceId,
      id: `c-${input.id}`,
      account_id: input.id,
      email: `billing@${input.id}.example`,
      is_billing_contact: true,
    })
    .execute();
  if (input.stage || input.tier) {
    await db
      .insertInto('account_profiles')
      .values({
        workspace_id: workspaceId,
        account_id: input.id,
        tier: input.tier ?? 'core',
        stage: input.stage ?? 'active',
      })
      .execute();
  }
}

export async function insertStageChange(
  db: TDb,
  workspaceId: string,
  accountId: string,
  to: string,
  at: Date,
): Promise<void> {
  await db
    .insertInto('lifecycle_events')
    .values({
      workspace_id: workspaceId,
      account_id: accountId,
      type: 'stage_changed',
      from_value: 'trial',
      to_value: to,
      occurred_at: at,
    })
    .execute();
}

export async function countRows(
  db: TDb,
  table: 'tasks' | 'email_messages' | 'playbook_enrollments' | 'jobs',
  workspaceId: string,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const DAY_MS = 86_400_000;
export const addMs = (at: Date, ms: number) => new Date(at.getTime() + ms);

export async function insertLifecycleChange(
  db: TDb,
  workspaceId: string,
  row: {
    accountId: string;
    type: 'stage_changed' | 'health_band_changed';
    from: string;
    to: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('lifecycle_events')
    .values({
      workspace_id: workspaceId,
      account_id: row.accountId,
      type: row.type,
      from_value: row.from,
      to_value: row.to,
      occurred_at: row.at,
    })
    .execute();
}

export async function insertMovement(
  db: TDb,
  workspaceId: string,
  row: { accountId: string; date: string; type: 'churn' | 'reactivation'; amount: number },
): Promise<void> {
  const isChurn = row.type === 'churn';
  await db
    .insertInto('mrr_movements')
    .values({
      workspace_id: workspaceId,
      account_id: row.accountId,
      date: row.date,
      type: row.type,
      amount: row.amount,
      mrr_before: isChurn ? row.amount : 0,
      mrr_after: isChurn ? 0 : row.amount,
    })
    .execute();
}

/** Row counts of every table a playbook can write to, for "wrote nothing" assertions. */
export async function countWritableRows(db: TDb): Promise<Record<string, number>> {
  const tables = [
    'playbooks',
    'playbook_enrollments',
    'playbook_enrollment_log',
    'playbook_watermarks',
    'account_tags',
    'jobs',
    'tasks',
    'email_messages',
    'accounts',
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
