import type { TDb } from '../../db/connect.ts';
import { DEFAULT_UPDATE_PAYMENT_URL } from './build-update-payment-url.ts';

export type TPaymentProvider = {
  kind: 'stripe' | 'http' | null;
  stripe_base_url: string | null;
  http_url: string | null;
  update_payment_url: string;
  public_url: string;
  /** Secrets are never shown again: only whether one is set. */
  has_stripe_api_key: boolean;
  has_http_secret: boolean;
};

export const DEFAULT_PUBLIC_URL = 'http://localhost:4000';

/** The workspace's payment provider settings without their secrets (`kind` null: none configured). */
export async function getPaymentProvider({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<TPaymentProvider> {
  const row = await db
    .selectFrom('payment_provider_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return {
    kind: row?.kind ?? null,
    stripe_base_url: row?.stripe_base_url ?? null,
    http_url: row?.http_url ?? null,
    update_payment_url: row?.update_payment_url ?? DEFAULT_UPDATE_PAYMENT_URL,
    public_url: row?.public_url ?? DEFAULT_PUBLIC_URL,
    has_stripe_api_key: Boolean(row?.stripe_api_key),
    has_http_secret: Boolean(row?.http_secret),
  };
}
