import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { createUser } from './create-user.ts';
import type { TUser } from './to-user.ts';
import type { TLocale } from './validate-user.ts';

/**
 * The one-time setup of an empty store (`POST /v1/setup`, which needs no credentials): it works only while
 * the store has no user in any workspace, so once anyone exists it can never mint another admin. The users
 * table is locked for the check and the insert, so two racing setups create one admin, not two.
 */
export async function createFirstAdmin(input: {
  db: TDb;
  workspaceId: string;
  email: string;
  password: string;
  name?: string | null;
  locale?: TLocale;
}): Promise<TUser> {
  return input.db.transaction().execute(async (trx) => {
    await sql`lock table users in share row exclusive mode`.execute(trx);
    const existing = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (existing) {
      throw new AppError('conflict', 'setup is done: users exist already; ask an admin for an account');
    }
    return createUser({ ...input, db: trx, role: 'admin' });
  });
}
