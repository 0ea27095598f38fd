import type { TDb } from '../../db/connect.ts';

/** What the API shows of the Stripe connection: never the secrets, only whether they are set. */
export type TStripeSettings = {
  webhook_secret_set: boolean;
  api_key_set: boolean;
  /** Where to point the Stripe webhook endpoint (relative to this server's public URL). */
  webhook_path: string;
  updated_at: string | null;
};

export async function getStripeSettings({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<TStripeSettings> {
  const row = await db
    .selectFrom('stripe_settings')
    .select(['webhook_secret', 'api_key', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return {
    webhook_secret_set: Boolean(row?.webhook_secret),
    api_key_set: Boolean(row?.api_key),
    webhook_path: `/v1/integrations/stripe/webhook?workspace=${encodeURIComponent(workspaceId)}`,
    updated_at: row?.updated_at.toISOString() ?? null,
  };
}
