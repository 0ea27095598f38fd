import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getRetentionSettings } from './get-retention-settings.ts';
import { signOffboardingToken } from './offboarding-token.ts';

/** Where links point when neither the caller nor the settings name a public address: `tenure start`. */
const FALLBACK_BASE = 'http://localhost:4000';

/**
 * A signed link to the offboarding (win-back) survey of an account, optionally of one of its contacts:
 * `<base>/offboarding/<token>`. It never expires, but any change to it is refused. The email and playbook
 * areas fill the template variable `offboarding_url` with it. The base is `baseUrl` when given (e.g. the
 * email settings' public URL), else the retention settings' `public_url`, else localhost.
 */
export async function createOffboardingLink({
  db,
  workspaceId,
  accountId,
  contactId,
  baseUrl,
}: {
  db: TDb;
  workspaceId: string;
  accountId: string;
  contactId?: string | null;
  baseUrl?: string;
}): Promise<{ url: string; token: string }> {
  const account = await db
    .selectFrom('accounts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account) throw new AppError('not_found', `no account "${accountId}" in this workspace`);
  if (contactId) {
    const contact = await db
      .selectFrom('contacts')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('account_id', '=', accountId)
      .where('id', '=', contactId)
      .executeTakeFirst();
    if (!contact) throw new AppError('not_found', `no contact "${contactId}" on account "${accountId}"`);
  }
  const settings = await getRetentionSettings({ db, workspaceId });
  const token = signOffboardingToken(
    { workspaceId, accountId, contactId: contactId ?? null },
    settings.signing_secret,
  );
  const base = (baseUrl ?? settings.public_url ?? FALLBACK_BASE).replace(/\/+$/, '');
  return { url: `${base}/offboarding/${token}`, token };
}
