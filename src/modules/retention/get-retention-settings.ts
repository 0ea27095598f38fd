import { randomBytes } from 'node:crypto';
import type { TDb } from '../../db/connect.ts';

export type TRetentionSettingsRow = { signing_secret: string; public_url: string | null };

/**
 * The workspace's retention settings, creating the row with a fresh random signing secret on first use,
 * so offboarding links can be signed before anyone has configured anything. Concurrent first uses insert
 * once (`on conflict do nothing`) and read the same secret.
 */
export async function getRetentionSettings({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<TRetentionSettingsRow> {
  const found = await findRetentionSettings(db, workspaceId);
  if (found) return found;
  await db
    .insertInto('retention_settings')
    .values({ workspace_id: workspaceId, signing_secret: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('workspace_id').doNothing())
    .execute();
  return (await findRetentionSettings(db, workspaceId))!;
}

/** The row as stored, without creating it (a public page must not write for a forged workspace). */
export function findRetentionSettings(
  db: TDb,
  workspaceId: string,
): Promise<TRetentionSettingsRow | undefined> {
  return db
    .selectFrom('retention_settings')
    .select(['signing_secret', 'public_url'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}
