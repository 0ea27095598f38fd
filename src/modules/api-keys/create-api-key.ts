import { randomBytes } from 'node:crypto';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { ensureWorkspace } from '../workspaces/ensure-workspace.ts';
import { hashApiKey } from './hash-api-key.ts';

export type TCreatedApiKey = {
  id: string;
  name: string;
  /** The secret itself: shown once, never stored. */
  key: string;
  /** The first characters of the key, stored so that a user can tell keys apart. */
  prefix: string;
  created_at: string;
};

export const API_KEY_PREFIX = 'tnr_';
/** 'tnr_' + 32 random bytes in base64url (43 characters). */
export const API_KEY_PATTERN = /^tnr_[A-Za-z0-9_-]{43}$/;

/** Creates an API key for the workspace (creating the workspace when it does not exist yet). */
export async function createApiKey({
  db,
  workspaceId,
  name = 'default',
}: {
  db: TDb;
  workspaceId: string;
  name?: string;
}): Promise<TCreatedApiKey> {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 100) {
    throw new AppError('invalid_input', 'an API key name must have 1 to 100 characters');
  }
  await ensureWorkspace({ db, workspaceId });
  const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  const id = `key_${randomBytes(6).toString('hex')}`;
  const prefix = key.slice(0, API_KEY_PREFIX.length + 6);
  const row = await db
    .insertInto('api_keys')
    .values({ workspace_id: workspaceId, id, name: trimmed, prefix, key_hash: hashApiKey(key) })
    .returning(['created_at'])
    .executeTakeFirstOrThrow();
  return { id, name: trimmed, key, prefix, created_at: row.created_at.toISOString() };
}
