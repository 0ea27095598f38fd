import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { isTrackingTokenValid, readTrackingToken, type TTrackingPurpose } from './tracking-token.ts';

export type TTrackedMessage = {
  workspaceId: string;
  messageId: string;
  contactId: string;
  toEmail: string;
  locale: 'en' | 'es';
  url?: string;
};

/**
 * The message a public tracking token names, if its signature holds under that workspace's secret and it
 * was made for `purpose`. Anything else — tampered, forged, unknown workspace or message — is one and the
 * same `not_found`, so the public routes reveal nothing.
 */
export async function verifyTrackingToken({
  db,
  token,
  purpose,
}: {
  db: TDb;
  token: string;
  purpose: TTrackingPurpose;
}): Promise<TTrackedMessage> {
  const notFound = new AppError('not_found', 'unknown link');
  const claim = readTrackingToken(token);
  if (!claim || claim.purpose !== purpose || (purpose === 'click') !== Boolean(claim.url)) throw notFound;
  const row = await db
    .selectFrom('email_messages as m')
    .innerJoin('email_settings as s', 's.workspace_id', 'm.workspace_id')
    .select(['s.tracking_secret', 'm.contact_id', 'm.to_email', 'm.locale'])
    .where('m.workspace_id', '=', claim.workspaceId)
    .where('m.id', '=', claim.messageId)
    .executeTakeFirst();
  if (!row || !isTrackingTokenValid(row.tracking_secret, token)) throw notFound;
  return {
    workspaceId: claim.workspaceId,
    messageId: claim.messageId,
    contactId: row.contact_id,
    toEmail: row.to_email,
    locale: row.locale,
    url: claim.url,
  };
}
