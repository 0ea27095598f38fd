import type { TDb } from '../../db/connect.ts';
import type { TEmailRecipient } from './queue-email.ts';

export type TRecipient = {
  contactId: string;
  accountId: string;
  accountName: string;
  email: string;
  name: string | null;
  attributes: Record<string, unknown>;
};

/**
 * The contact an email goes to: the named contact, or for an account its billing contact, else its first
 * contact by id (a stable choice, so retries pick the same person). Undefined when there is none.
 */
export async function findRecipient({
  db,
  workspaceId,
  recipient,
}: {
  db: TDb;
  workspaceId: string;
  recipient: TEmailRecipient;
}): Promise<TRecipient | undefined> {
  let query = db
    .selectFrom('contacts as c')
    .innerJoin('accounts as a', (join) =>
      join.onRef('a.workspace_id', '=', 'c.workspace_id').onRef('a.id', '=', 'c.account_id'),
    )
    .select(['c.id', 'c.account_id', 'a.name as account_name', 'c.email', 'c.name', 'c.attributes'])
    .where('c.workspace_id', '=', workspaceId);
  query =
    'contactId' in recipient
      ? query.where('c.id', '=', recipient.contactId)
      : query
          .where('c.account_id', '=', recipient.accountId)
          .orderBy('c.is_billing_contact', 'desc')
          .orderBy('c.id');
  const row = await query.limit(1).executeTakeFirst();
  if (!row) return undefined;
  return {
    contactId: row.id,
    accountId: row.account_id,
    accountName: row.account_name,
    email: row.email,
    name: row.name,
    attributes: row.attributes ?? {},
  };
}
