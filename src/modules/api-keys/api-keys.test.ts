import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { authenticateApiKey } from './authenticate-api-key.ts';
import { createApiKey } from './create-api-key.ts';
import { findApiKeys } from './find-api-keys.ts';
import { revokeApiKey } from './revoke-api-key.ts';

let store: TStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(() => store.close());

async function unauthorized(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('unauthorized');
  return (error as AppError).message;
}

describe(`API keys (${engineName})`, () => {
  it('creates the workspace with the key and identifies it by the key alone', async () => {
    const created = await createApiKey({ db: store.db, workspaceId: 'keys-a', name: 'ci' });
    expect(created.key).toMatch(/^tnr_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(await authenticateApiKey({ db: store.db, key: created.key })).toEqual({
      workspaceId: 'keys-a',
      keyId: created.id,
    });
  });

  it('never stores the key itself, only its sha256', async () => {
    const created = await createApiKey({ db: store.db, workspaceId: 'keys-a' });
    const rows = await sql<{ n: number }>`
      select count(*) as n from api_keys where key_hash = ${created.key} or prefix = ${created.key}`.execute(
      store.db,
    );
    expect(rows.rows[0]?.n).toBe(0);
    const listed = await findApiKeys({ db: store.db, workspaceId: 'keys-a' });
    expect(JSON.stringify(listed)).not.toContain(created.key);
  });

  it('rejects malformed, unknown and revoked keys with one message', async () => {
    const created = await createApiKey({ db: store.db, workspaceId: 'keys-b' });
    const messages = [
      await unauthorized(authenticateApiKey({ db: store.db, key: 'nonsense' })),
      await unauthorized(authenticateApiKey({ db: store.db, key: `tnr_${'A'.repeat(43)}` })),
    ];
    const revoked = await revokeApiKey({ db: store.db, workspaceId: 'keys-b', id: created.id });
    expect(revoked.id).toBe(created.id);
    messages.push(await unauthorized(authenticateApiKey({ db: store.db, key: created.key })));
    expect(new Set(messages).size).toBe(1);
    const listed = await findApiKeys({ db: store.db, workspaceId: 'keys-b' });
    expect(listed.find((k) => k.id === created.id)?.revoked_at).toBe(revoked.revoked_at);
  });

  it('records the last use, at most once a minute', async () => {
    const created = await createApiKey({ db: store.db, workspaceId: 'keys-c' });
    expect((await findApiKeys({ db: store.db, workspaceId: 'keys-c' }))[0]?.last_used_at).toBeNull();
    await authenticateApiKey({ db: store.db, key: created.key });
    const first = (await findApiKeys({ db: store.db, workspaceId: 'keys-c' }))[0]?.last_used_at;
    expect(first).not.toBeNull();
    await authenticateApiKey({ db: store.db, key: created.key });
    expect((await findApiKeys({ db: store.db, workspaceId: 'keys-c' }))[0]?.last_used_at).toBe(first);
  });

  it('cannot revoke a key of another workspace', async () => {
    const created = await createApiKey({ db: store.db, workspaceId: 'keys-d' });
    await createApiKey({ db: store.db, workspaceId: 'keys-e' });
    await expect(revokeApiKey({ db: store.db, workspaceId: 'keys-e', id: created.id })).rejects.toMatchObject(
      {
        code: 'not_found',
      },
    );
    expect((await authenticateApiKey({ db: store.db, key: created.key })).workspaceId).toBe('keys-d');
  });

  it('lists keys only of an existing workspace', async () => {
    await expect(findApiKeys({ db: store.db, workspaceId: 'nowhere' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
