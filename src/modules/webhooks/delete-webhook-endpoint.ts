import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';

/** Removes an endpoint with its deliveries; their queued jobs then find nothing to send and end. */
export async function deleteWebhookEndpoint({
  db,
  workspaceId,
  endpointId,
}: {
  db: TDb;
  workspaceId: string;
  endpointId: string;
}): Promise<{ id: string; deleted: true }> {
  const row = await db
    .deleteFrom('webhook_endpoints')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', endpointId)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `no webhook "${endpointId}" in this workspace`);
  return { id: row.id, deleted: true };
}
