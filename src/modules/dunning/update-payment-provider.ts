import { z } from 'zod';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getPaymentProvider, type TPaymentProvider } from './get-payment-provider.ts';

const url = z.url({ protocol: /^https?$/ });

export const ZPaymentProviderInput = z.strictObject({
  kind: z.enum(['stripe', 'http']),
  stripe_api_key: z.string().min(1).optional(),
  stripe_base_url: url.nullable().optional(),
  http_url: url.nullable().optional(),
  http_secret: z.string().min(16).optional(),
  update_payment_url: url.nullable().optional(),
  public_url: url.nullable().optional(),
});
export type TPaymentProviderInput = z.infer<typeof ZPaymentProviderInput>;

/**
 * Sets where dunning retries go: Stripe (an API key; `stripe_base_url` only to point elsewhere) or a
 * generic HTTP provider (`http_url` and the shared `http_secret` that signs both directions). A secret left
 * out keeps the stored one.
 */
export async function updatePaymentProvider({
  db,
  workspaceId,
  input,
  now = new Date(),
}: {
  db: TDb;
  workspaceId: string;
  input: unknown;
  now?: Date;
}): Promise<TPaymentProvider> {
  const parsed = ZPaymentProviderInput.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AppError('invalid_input', `invalid payment provider settings: ${issues}`, parsed.error.issues);
  }
  const value = parsed.data;
  const stored = await db
    .selectFrom('payment_provider_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  const row = {
    workspace_id: workspaceId,
    kind: value.kind,
    stripe_api_key: value.stripe_api_key ?? stored?.stripe_api_key ?? null,
    stripe_base_url:
      value.stripe_base_url === undefined ? (stored?.stripe_base_url ?? null) : value.stripe_base_url,
    http_url: value.http_url === undefined ? (stored?.http_url ?? null) : value.http_url,
    http_secret: value.http_secret ?? stored?.http_secret ?? null,
    update_payment_url:
      value.update_payment_url === undefined
        ? (stored?.update_payment_url ?? null)
        : value.update_payment_url,
    public_url: value.public_url === undefined ? (stored?.public_url ?? null) : value.public_url,
    updated_at: now,
  };
  if (row.kind === 'stripe' && !row.stripe_api_key) {
    throw new AppError('invalid_input', 'stripe_api_key is required for the stripe provider');
  }
  if (row.kind === 'http' && (!row.http_url || !row.http_secret)) {
    throw new AppError(
      'invalid_input',
      'http_url and http_secret (16+ characters) are required for the http provider',
    );
  }
  await db
    .insertInto('payment_provider_settings')
    .values(row)
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(row))
    .execute();
  return getPaymentProvider({ db, workspaceId });
}
