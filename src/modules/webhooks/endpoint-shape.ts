import type { Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';

type TEndpointRow = Selectable<Database['webhook_endpoints']>;

/** An endpoint as the API and CLI show it. The secret is never part of it (it is shown once on create). */
export type TWebhookEndpoint = {
  id: string;
  url: string;
  description: string | null;
  /** Empty: every event type. */
  event_types: string[];
  is_enabled: boolean;
  created_at: string;
};

export const ENDPOINT_COLUMNS = [
  'id',
  'url',
  'description',
  'event_types',
  'is_enabled',
  'created_at',
] as const;

export function toEndpoint(row: Pick<TEndpointRow, (typeof ENDPOINT_COLUMNS)[number]>): TWebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    event_types: row.event_types,
    is_enabled: row.is_enabled,
    created_at: row.created_at.toISOString(),
  };
}
