import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export type TExpiringCard = {
  accountId: string;
  paymentMethodId: string;
  expMonth: number;
  expYear: number;
  /** The last day the card works, `YYYY-MM-DD`. */
  expiresOn: string;
};

/** Default cards that stop working within `withinDays` of `now`. Contract stub (issue 4): the dunning area. */
export async function findExpiringCards(_input: {
  db: Kysely<Database>;
  workspaceId: string;
  now: Date;
  withinDays: number;
}): Promise<TExpiringCard[]> {
  throw new Error('findExpiringCards: not implemented yet');
}
