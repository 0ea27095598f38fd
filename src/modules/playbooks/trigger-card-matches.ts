import { sql } from 'kysely';
import { findExpiringCards } from '../dunning/find-expiring-cards.ts';
import type { TTriggerMatch } from './find-trigger-matches.ts';
import { customersCte } from './sql-trigger-customers.ts';
import type { TTrigger } from './trigger-schema.ts';
import type { TStateInput } from './trigger-state-matches.ts';

/**
 * Customers whose default card stops working within `days` of now (the dunning module decides which
 * cards those are). Key `card_expiring:<payment method>:<expires on>`: a new card is a new occurrence.
 */
export async function findCardTriggerMatches({
  db,
  workspaceId,
  trigger,
  now,
  clock,
  accountId,
}: TStateInput<Extract<TTrigger, { kind: 'card_expiring' }>>): Promise<TTriggerMatch[]> {
  const cards = (await findExpiringCards({ db, workspaceId, now, withinDays: trigger.days })).filter(
    (card) => accountId === undefined || card.accountId === accountId,
  );
  if (cards.length === 0) return [];
  const { rows } = await sql<{ account_id: string }>`
    with ${customersCte({ workspaceId, today: clock.today, now, accountId })}
    select account_id from customers where account_id = any(${[...new Set(cards.map((c) => c.accountId))]}::text[])`.execute(
    db,
  );
  const customers = new Set(rows.map((row) => row.account_id));
  return cards
    .filter((card) => customers.has(card.accountId))
    .map((card) => ({
      accountId: card.accountId,
      occurrenceKey: `card_expiring:${card.paymentMethodId}:${card.expiresOn}`,
      occurredAt: now,
      context: {
        payment_method_id: card.paymentMethodId,
        expires_on: card.expiresOn,
        exp_month: card.expMonth,
        exp_year: card.expYear,
      },
    }));
}
