import type { TStore } from '../../db/connect.ts';
import { entities } from '../imports/entities.ts';
import { ingestRecords } from '../ingest/ingest-records.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';

export type TEmailEventType = 'delivered' | 'opened' | 'clicked' | 'unsubscribed';

/**
 * Writes one `email_events` record through the ingest pipeline (so health's engagement measures and the
 * stale-score queue see it like an imported event). The id is derived from the message and type (and the
 * link, for clicks): only the first open of a message, or click of a link, is kept, which is all the open
 * rate counts (distinct messages), and a repeat never moves its time.
 */
export async function recordEmailEvent({
  store,
  workspaceId,
  messageId,
  contactId,
  type,
  occurredAt,
  detail,
}: {
  store: TStore;
  workspaceId: string;
  messageId: string;
  contactId: string;
  type: TEmailEventType;
  occurredAt: Date;
  /** Distinguishes events of one type on one message (a click's link). */
  detail?: string;
}): Promise<void> {
  const id = `${messageId}.${type}${detail ? `.${detail}` : ''}`;
  const known = await store.db
    .selectFrom('email_events')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (known) return;
  const workspace = await getWorkspace({ db: store.db, workspaceId });
  await ingestRecords({
    store,
    ctx: { workspaceId, timezone: workspace.timezone, reportingCurrency: workspace.reportingCurrency },
    entity: entities.get('email_events')!,
    records: [
      { id, contact_id: contactId, message_id: messageId, type, occurred_at: occurredAt.toISOString() },
    ],
    isAtomic: true,
    noun: 'email event',
  });
}
