import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { DEFAULT_SCORECARD } from './default-scorecard.ts';
import { toStoredDefinition } from './scorecard-row.ts';

export const DEFAULT_SCORECARD_ID = 'default';

/**
 * Gives a workspace the built-in scorecard (id `default`, version 1) when it has no default one, so health
 * works out of the box (issue 3 item 5). Idempotent and safe when two processes race for it.
 */
export async function ensureDefaultScorecard({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<void> {
  await sql`
    insert into health_scorecards (workspace_id, id, version, name, definition, is_default)
    select ${workspaceId}, ${DEFAULT_SCORECARD_ID}, 1, ${DEFAULT_SCORECARD.name},
      ${toStoredDefinition(DEFAULT_SCORECARD, null)}::jsonb, true
    where not exists (
      select 1 from health_scorecards where workspace_id = ${workspaceId} and is_default and archived_at is null)
    on conflict (workspace_id, id, version) do nothing`.execute(db);
}
