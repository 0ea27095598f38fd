import type { TDb } from '../../db/connect.ts';
import { ENDPOINT_COLUMNS, type TWebhookEndpoint, toEndpoint } from './endpoint-shape.ts';

export async function findWebhookEndpoints({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<{ webhooks: TWebhookEndpoint[] }> {
  const rows = await db
    .selectFrom('webhook_endpoints')
    .select(ENDPOINT_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return { webhooks: rows.map(toEndpoint) };
}
