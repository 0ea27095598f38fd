import type { TDb } from '../db/connect.ts';

/**
 * Where the effect with this idempotency key stands: `claimed` (started, outcome unknown), `done`,
 * `uncertain`, or undefined when it was never started (or its attempt failed surely and released it).
 */
export async function findSideEffectStatus({
  db,
  workspaceId,
  key,
}: {
  db: TDb;
  workspaceId: string;
  key: string;
}): Promise<'claimed' | 'done' | 'uncertain' | undefined> {
  const row = await db
    .selectFrom('side_effects')
    .select('status')
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.status as 'claimed' | 'done' | 'uncertain' | undefined;
}
