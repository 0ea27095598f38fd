import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { API_KEY_PATTERN } from './create-api-key.ts';
import { hashApiKey } from './hash-api-key.ts';

export type TApiKeyIdentity = { workspaceId: string; keyId: string };

/** Recording every use would turn each read request into a write; a minute is precise enough for "last used". */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The workspace a key belongs to. Every failure (malformed, unknown, revoked) throws the same error, so a
 * caller learns nothing about which keys or workspaces exist. Lookup by hash needs no constant-time
 * comparison: an attacker cannot steer the hash of their guess towards a stored one.
 */
export async function authenticateApiKey({ db, key }: { db: TDb; key: string }): Promise<TApiKeyIdentity> {
  const invalid = new AppError('unauthorized', 'missing or invalid API key');
  if (!API_KEY_PATTERN.test(key)) throw invalid;
  const row = await db
    .selectFrom('api_keys')
    .select(['workspace_id', 'id', 'last_used_at', 'revoked_at'])
    .where('key_hash', '=', hashApiKey(key))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) throw invalid;
  if (row.last_used_at === null || Date.now() - row.last_used_at.getTime() >= LAST_USED_RESOLUTION_MS) {
    // The condition is repeated in SQL so that concurrent requests write at most once a minute.
    await db
      .updateTable('api_keys')
      .set({ last_used_at: sql<Date>`now()` })
      .where('workspace_id', '=', row.workspace_id)
      .where('id', '=', row.id)
      .where((eb) =>
        eb.or([
          eb('last_used_at', 'is', null),
          eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`),
        ]),
      )
      .execute();
  }
  return { workspaceId: row.workspace_id, keyId: row.id };
}
