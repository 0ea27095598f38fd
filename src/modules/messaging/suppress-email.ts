import { z } from 'zod';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';

export type TSuppressionReason = 'unsubscribed' | 'bounced' | 'manual';
export type TEmailSuppression = { email: string; reason: TSuppressionReason; created_at: string };

/** Adds an address to the workspace's do-not-mail list (lower-cased); suppressing it again keeps the first reason. */
export async function suppressEmail({
  db,
  workspaceId,
  email,
  reason = 'manual',
  now = new Date(),
}: {
  db: TDb;
  workspaceId: string;
  email: string;
  reason?: TSuppressionReason;
  now?: Date;
}): Promise<TEmailSuppression> {
  const address = email.trim().toLowerCase();
  if (!z.email().safeParse(address).success) {
    throw new AppError('invalid_input', `"${email}" is not an email address`);
  }
  await db
    .insertInto('email_suppressions')
    .values({ workspace_id: workspaceId, email: address, reason, created_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'email']).doNothing())
    .execute();
  const row = await db
    .selectFrom('email_suppressions')
    .select(['email', 'reason', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', address)
    .executeTakeFirstOrThrow();
  return { ...row, created_at: row.created_at.toISOString() };
}
