import type { TDb } from '../../db/connect.ts';
import { classifyDecline } from '../dunning/classify-decline.ts';
import type { TTriggerMatch } from './find-trigger-matches.ts';
import type { TTrigger } from './trigger-schema.ts';

/**
 * Failed payments attempted in (`since`, `now`], of a hard or soft decline as the dunning module
 * classifies the failure code (an unknown or missing code is soft there). The decline kind is a list of
 * codes in code, not a table, so it is applied to the (few) failures of the window here. Key: the
 * payment id.
 */
export async function findPaymentTriggerMatches({
  db,
  workspaceId,
  trigger,
  since,
  now,
}: {
  db: TDb;
  workspaceId: string;
  trigger: Extract<TTrigger, { kind: 'payment_failed' }>;
  since: Date;
  now: Date;
}): Promise<TTriggerMatch[]> {
  const rows = await db
    .selectFrom('payments as p')
    .innerJoin('invoices as i', (join) =>
      join.onRef('i.workspace_id', '=', 'p.workspace_id').onRef('i.id', '=', 'p.invoice_id'),
    )
    .innerJoin('accounts as a', (join) =>
      join.onRef('a.workspace_id', '=', 'i.workspace_id').onRef('a.id', '=', 'i.account_id'),
    )
    .select([
      'p.id',
      'i.account_id',
      'p.invoice_id',
      'p.failure_code',
      'p.amount',
      'p.currency',
      'p.attempted_at',
    ])
    .where('p.workspace_id', '=', workspaceId)
    .where('p.outcome', '=', 'failed')
    .where('p.attempted_at', '>', since)
    .where('p.attempted_at', '<=', now)
    .orderBy('p.attempted_at')
    .orderBy('p.id')
    .execute();
  return rows.flatMap((row) => {
    const decline = classifyDecline(row.failure_code);
    if (trigger.decline !== 'any' && trigger.decline !== decline) return [];
    return [
      {
        accountId: row.account_id,
        occurrenceKey: row.id,
        occurredAt: row.attempted_at,
        context: {
          invoice_id: row.invoice_id,
          failure_code: row.failure_code,
          decline,
          amount: row.amount,
          currency: row.currency,
        },
      },
    ];
  });
}
