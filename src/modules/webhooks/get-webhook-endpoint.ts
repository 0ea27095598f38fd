import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { ENDPOINT_COLUMNS, type TWebhookEndpoint, toEndpoint } from './endpoint-shape.ts';

/** One endpoint of this workspace; another workspace's is `not_found` like a missing one. */
export async function getWebhookEndpoint({
  db,
  workspaceId,
  endpointId,
}: {
  db: TDb;
  workspaceId: string;
  endpointId: string;
}): Promise<TWebhookEndpoint> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .select(ENDPOINT_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', endpointId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `no webhook "${endpointId}" in this workspace`);
  return toEndpoint(row);
}
