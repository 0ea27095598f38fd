import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { checkEndpointUrl, checkEventTypes } from './endpoint-input.ts';
import { ENDPOINT_COLUMNS, type TWebhookEndpoint, toEndpoint } from './endpoint-shape.ts';
import { getWebhookEndpoint } from './get-webhook-endpoint.ts';

/** Changes the given fields only. Deliveries already queued keep going to the endpoint's current URL. */
export async function updateWebhookEndpoint({
  db,
  workspaceId,
  endpointId,
  url,
  description,
  eventTypes,
  isEnabled,
}: {
  db: TDb;
  workspaceId: string;
  endpointId: string;
  url?: string;
  description?: string | null;
  eventTypes?: readonly string[];
  isEnabled?: boolean;
}): Promise<TWebhookEndpoint> {
  const changes = {
    ...(url !== undefined && { url: checkEndpointUrl(url) }),
    ...(description !== undefined && { description }),
    ...(eventTypes !== undefined && { event_types: checkEventTypes(eventTypes) }),
    ...(isEnabled !== undefined && { is_enabled: isEnabled }),
  };
  if (Object.keys(changes).length === 0) return getWebhookEndpoint({ db, workspaceId, endpointId });
  const row = await db
    .updateTable('webhook_endpoints')
    .set(changes)
    .returning(ENDPOINT_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', endpointId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `no webhook "${endpointId}" in this workspace`);
  return toEndpoint(row);
}
