import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import type { TChargeResult } from './charge-result.ts';
import { chargeWithHttp } from './charge-with-http.ts';
import { chargeWithStripe } from './charge-with-stripe.ts';
import { DEFAULT_PUBLIC_URL } from './get-payment-provider.ts';
import type { TDunningCaseRow } from './load-dunning-case.ts';

/** One retry of a case's invoice through the workspace's payment provider, with `idempotencyKey`. */
export async function chargeInvoice({
  db,
  dunningCase,
  attempt,
  idempotencyKey,
}: {
  db: TDb;
  dunningCase: TDunningCaseRow;
  attempt: number;
  idempotencyKey: string;
}): Promise<TChargeResult & { provider: 'stripe' | 'http' }> {
  const workspaceId = dunningCase.workspace_id;
  const settings = await db
    .selectFrom('payment_provider_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (settings?.kind === 'stripe' && settings.stripe_api_key) {
    const result = await chargeWithStripe({
      apiKey: settings.stripe_api_key,
      baseUrl: settings.stripe_base_url,
      invoiceId: dunningCase.invoice_id,
      idempotencyKey,
    });
    return { ...result, provider: 'stripe' };
  }
  if (settings?.kind === 'http' && settings.http_url && settings.http_secret) {
    const base = (settings.public_url ?? DEFAULT_PUBLIC_URL).replace(/\/+$/, '');
    const result = await chargeWithHttp({
      url: settings.http_url,
      secret: settings.http_secret,
      request: {
        case_id: dunningCase.id,
        invoice_id: dunningCase.invoice_id,
        attempt,
        amount: Number(dunningCase.amount),
        currency: dunningCase.currency,
        idempotency_key: idempotencyKey,
        callback_url: `${base}/v1/integrations/payments/callback?workspace=${encodeURIComponent(workspaceId)}`,
      },
    });
    return { ...result, provider: 'http' };
  }
  throw new AppError('invalid_input', 'no payment provider is configured (PUT /v1/payment-provider)');
}
