import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import type { EmailSettingsTable } from '../../db/schema-messaging.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';

export type TEmailSettingsRow = Selectable<EmailSettingsTable>;

/**
 * The workspace's email settings, creating the row with its defaults (and a fresh random tracking secret)
 * on first use, so tracking links can be signed before an admin has configured anything.
 */
export async function getEmailSettings({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<TEmailSettingsRow> {
  const found = await selectSettings(db, workspaceId);
  if (found) return found;
  // Names a missing workspace (not_found) instead of failing on the foreign key.
  await getWorkspace({ db, workspaceId });
  await db
    .insertInto('email_settings')
    .values({ workspace_id: workspaceId, tracking_secret: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('workspace_id').doNothing())
    .execute();
  return (await selectSettings(db, workspaceId))!;
}

function selectSettings(db: TDb, workspaceId: string): Promise<TEmailSettingsRow | undefined> {
  return db
    .selectFrom('email_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}
