import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getStripeSettings, type TStripeSettings } from './get-stripe-settings.ts';

/**
 * Sets the webhook signing secret (`whsec_…`, from the Stripe dashboard's endpoint) and the API key. A field
 * left out keeps its value; `api_key: null` removes the key. The first call must give the webhook secret.
 */
export async function updateStripeSettings({
  db,
  workspaceId,
  webhookSecret,
  apiKey,
  now = new Date(),
}: {
  db: TDb;
  workspaceId: string;
  webhookSecret?: string;
  apiKey?: string | null;
  now?: Date;
}): Promise<TStripeSettings> {
  if (webhookSecret !== undefined && !/^whsec_\S+$/.test(webhookSecret)) {
    throw new AppError('invalid_input', 'webhook_secret: expected the endpoint signing secret, "whsec_…"');
  }
  if (apiKey != null && !/^(sk|rk)_(live|test)_\S+$/.test(apiKey)) {
    throw new AppError('invalid_input', 'api_key: expected a secret or restricted key, "sk_…" or "rk_…"');
  }
  const changes = {
    ...(webhookSecret !== undefined && { webhook_secret: webhookSecret }),
    ...(apiKey !== undefined && { api_key: apiKey }),
    updated_at: now,
  };
  const updated = await db
    .updateTable('stripe_settings')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .returning('workspace_id')
    .executeTakeFirst();
  if (!updated) {
    if (webhookSecret === undefined) {
      throw new AppError('invalid_input', 'webhook_secret: required to connect Stripe the first time');
    }
    await db
      .insertInto('stripe_settings')
      .values({
        workspace_id: workspaceId,
        webhook_secret: webhookSecret,
        api_key: apiKey ?? null,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet(changes))
      .execute();
  }
  return getStripeSettings({ db, workspaceId });
}
