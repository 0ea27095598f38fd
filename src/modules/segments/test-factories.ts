import type { TDb } from '../../db/connect.ts';
import { insertInvoice } from '../revenue/test-factories.ts';

/** Test rows for segments and lifecycle, written straight to the tables. */
export type TAccountInput = {
  id: string;
  name?: string;
  ownerEmail?: string;
  createdAt?: string;
  revenuePotential?: string | number;
  attributes?: Record<string, unknown>;
};

export async function insertAccounts(db: TDb, workspaceId: string, accounts: TAccountInput[]): Promise<void> {
  await db
    .insertInto('accounts')
    .values(
      accounts.map((a) => ({
        workspace_id: workspaceId,
        id: a.id,
        name: a.name ?? `Account ${a.id}`,
        owner_email: a.ownerEmail ?? null,
        created_at: a.createdAt ?? null,
        revenue_potential: a.revenuePotential ?? null,
        attributes: JSON.stringify(a.attributes ?? {}),
      })),
    )
    .execute();
}

/**
 * MRR of exactly `mrr` from 2020-01-01 until 2100-01-01 (960 whole months), so that it holds "today"
 * whenever the test runs. Call recomputeMovements afterwards.
 */
export async function insertLongMrr(
  db: TDb,
  workspaceId: string,
  accountId: string,
  mrr: number,
): Promise<void> {
  await insertInvoice(db, {
    workspaceId,
    accountId,
    lines: [
      { amount: mrr * 960, start: '2020-01-01', end: '2100-01-01', subscriptionId: `long-${accountId}` },
    ],
  });
}

/** A stored health score (under a bare test scorecard, created once per workspace). */
export async function insertHealthScore(
  db: TDb,
  workspaceId: string,
  accountId: string,
  input: { date: string; score: number; band: 'red' | 'yellow' | 'green' },
): Promise<void> {
  await db
    .insertInto('health_scorecards')
    .values({ workspace_id: workspaceId, id: 'test', version: 1, name: 'test', definition: '{}' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('health_scores')
    .values({
      workspace_id: workspaceId,
      account_id: accountId,
      date: input.date,
      scorecard_id: 'test',
      scorecard_version: 1,
      score: input.score,
      band: input.band,
      measures: '[]',
    })
    .execute();
}
