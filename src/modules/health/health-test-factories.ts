import type { TDb } from '../../db/connect.ts';
import { insertAccount } from '../revenue/test-factories.ts';
import type { TScorecardDefinition } from './scorecard-schema.ts';

/**
 * A scorecard whose every number is easy to compute by hand: open tickets (4 or more score 0, none 100,
 * linear between) and logins in the last 7 days (0 scores 0, 10 or more 100), equal weights.
 */
export const TEST_SCORECARD: TScorecardDefinition = {
  name: 'Test scorecard',
  measures: [
    {
      key: 'open_tickets',
      label: 'Open tickets',
      metric: 'open_tickets',
      weight: 1,
      rule: { type: 'linear', worst: 4, best: 0 },
    },
    {
      key: 'logins',
      label: 'Logins (7 days)',
      metric: 'event_count:login:7',
      weight: 1,
      rule: { type: 'linear', worst: 0, best: 10 },
    },
  ],
};

export const LOGINS_ONLY: TScorecardDefinition = {
  name: 'Logins only',
  measures: [TEST_SCORECARD.measures[1]!],
};

export const TICKETS_ONLY: TScorecardDefinition = {
  name: 'Tickets only',
  measures: [TEST_SCORECARD.measures[0]!],
};

/** A custom attribute `rating` (0 → 0, 10 → 100): an account without it has no data at all. */
export const RATING_ONLY: TScorecardDefinition = {
  name: 'Rating only',
  measures: [
    {
      key: 'rating',
      label: 'Rating',
      metric: 'attribute:rating',
      weight: 1,
      rule: { type: 'linear', worst: 0, best: 10 },
    },
  ],
};

export { insertAccount };

/** `quantity` logins on each day from `from` to `to` (daily rollups, as the usage module keeps them). */
export async function insertLogins(
  db: TDb,
  workspaceId: string,
  accountId: string,
  { from, to, quantity }: { from: string; to: string; quantity: number },
): Promise<void> {
  const rows = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    rows.push({
      workspace_id: workspaceId,
      account_id: accountId,
      day: d.toISOString().slice(0, 10),
      name: 'login',
      events: quantity,
      quantity: String(quantity),
    });
  }
  await db.insertInto('usage_daily').values(rows).execute();
}

let ticketSequence = 0;

export async function insertTicket(
  db: TDb,
  workspaceId: string,
  accountId: string,
  { openedAt, resolvedAt }: { openedAt: string; resolvedAt?: string },
): Promise<void> {
  await db
    .insertInto('tickets')
    .values({
      workspace_id: workspaceId,
      id: `t-${++ticketSequence}`,
      account_id: accountId,
      opened_at: `${openedAt}T12:00:00Z`,
      resolved_at: resolvedAt ? `${resolvedAt}T12:00:00Z` : null,
      status: resolvedAt ? 'solved' : 'open',
    })
    .execute();
}
