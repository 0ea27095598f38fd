import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { findChurnReasons, type TChurnReason } from './find-churn-reasons.ts';
import { findRetentionSettings } from './get-retention-settings.ts';
import {
  isOffboardingTokenValid,
  readOffboardingClaims,
  type TOffboardingClaims,
} from './offboarding-token.ts';

export type TOffboardingLang = 'en' | 'es';

export type TOffboardingForm = TOffboardingClaims & {
  lang: TOffboardingLang;
  accountName: string;
  reasons: TChurnReason[];
};

/**
 * What the public survey page needs, after checking the token: a forged, altered or foreign token, or one
 * whose account is gone, is `not_found` (the page does not say which). The language is `lang` when it is
 * en or es, else the contact's `attributes.locale` (es-*, es → es), else English.
 */
export async function getOffboardingForm({
  db,
  token,
  lang,
}: {
  db: TDb;
  token: string;
  lang?: string;
}): Promise<TOffboardingForm> {
  const claims = readOffboardingClaims(token);
  const notFound = new AppError('not_found', 'this survey link is not valid');
  if (!claims) throw notFound;
  const settings = await findRetentionSettings(db, claims.workspaceId);
  if (!settings || !isOffboardingTokenValid(token, settings.signing_secret)) throw notFound;
  const account = await db
    .selectFrom('accounts')
    .select('name')
    .where('workspace_id', '=', claims.workspaceId)
    .where('id', '=', claims.accountId)
    .executeTakeFirst();
  if (!account) throw notFound;
  const contact = claims.contactId
    ? await db
        .selectFrom('contacts')
        .select('attributes')
        .where('workspace_id', '=', claims.workspaceId)
        .where('id', '=', claims.contactId)
        .executeTakeFirst()
    : undefined;
  const locale = String(contact?.attributes?.locale ?? '').toLowerCase();
  const chosen: TOffboardingLang =
    lang === 'es' || lang === 'en' ? lang : locale === 'es' || locale.startsWith('es-') ? 'es' : 'en';
  const { reasons } = await findChurnReasons({ db, workspaceId: claims.workspaceId, isActiveOnly: true });
  return { ...claims, lang: chosen, accountName: account.name, reasons };
}
