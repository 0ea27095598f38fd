import type { TDb } from '../../db/connect.ts';

/** Used until a workspace sets `update_payment_url` in its payment provider settings. */
export const DEFAULT_UPDATE_PAYMENT_URL =
  'http://localhost:4000/billing/update?account={{account_id}}&invoice={{invoice_id}}';

/**
 * The "update your payment method" link of dunning emails: the workspace's template with `{{account_id}}`,
 * `{{invoice_id}}` and `{{case_id}}` filled in (URL-encoded). Where the page lives is the workspace's
 * business (its billing portal), so it is a setting, not a Tenure page.
 */
export async function buildUpdatePaymentUrl({
  db,
  workspaceId,
  accountId,
  invoiceId,
  caseId,
}: {
  db: TDb;
  workspaceId: string;
  accountId: string;
  invoiceId: string;
  caseId: string;
}): Promise<string> {
  const settings = await db
    .selectFrom('payment_provider_settings')
    .select('update_payment_url')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  const template = settings?.update_payment_url ?? DEFAULT_UPDATE_PAYMENT_URL;
  const values: Record<string, string> = { account_id: accountId, invoice_id: invoiceId, case_id: caseId };
  return template.replace(/\{\{\s*(account_id|invoice_id|case_id)\s*\}\}/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? ''),
  );
}
