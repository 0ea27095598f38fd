import { randomBytes } from 'node:crypto';
import type { TDb } from '../../db/connect.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { checkEndpointUrl, checkEventTypes } from './endpoint-input.ts';
import { ENDPOINT_COLUMNS, type TWebhookEndpoint, toEndpoint } from './endpoint-shape.ts';

/** Registers a receiver. Its signing secret is returned here only: it is never shown again. */
export async function createWebhookEndpoint({
  db,
  workspaceId,
  url,
  description,
  eventTypes = [],
  isEnabled = true,
}: {
  db: TDb;
  workspaceId: string;
  url: string;
  description?: string | null;
  eventTypes?: readonly string[];
  isEnabled?: boolean;
}): Promise<TWebhookEndpoint & { secret: string }> {
  // A clear not_found for a workspace that does not exist (the CLI can name any), not a foreign key error.
  await getWorkspace({ db, workspaceId });
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const row = await db
    .insertInto('webhook_endpoints')
    .values({
      workspace_id: workspaceId,
      id: `we_${randomBytes(8).toString('hex')}`,
      url: checkEndpointUrl(url),
      description: description ?? null,
      secret,
      event_types: checkEventTypes(eventTypes),
      is_enabled: isEnabled,
    })
    .returning(ENDPOINT_COLUMNS)
    .executeTakeFirstOrThrow();
  return { ...toEndpoint(row), secret };
}
