import { randomBytes } from 'node:crypto';
import type { TDb } from '../../db/connect.ts';
import { ensureWorkspace } from '../workspaces/ensure-workspace.ts';
import { hashPassword } from './hash-password.ts';
import type { TRole } from './roles.ts';

/** Test users, written straight to the table. All share one password, hashed once: scrypt is slow on purpose. */
export const TEST_PASSWORD = 'correct horse battery staple';
let testHash: Promise<string> | undefined;

export async function insertUser(
  db: TDb,
  { workspaceId, role, email }: { workspaceId: string; role: TRole; email?: string },
): Promise<{ id: string; email: string; password: string }> {
  testHash ??= hashPassword(TEST_PASSWORD);
  await ensureWorkspace({ db, workspaceId });
  const id = `usr_${randomBytes(6).toString('hex')}`;
  const address = email ?? `${role}-${id}@example.com`;
  await db
    .insertInto('users')
    .values({ workspace_id: workspaceId, id, email: address, role, password_hash: await testHash })
    .execute();
  return { id, email: address, password: TEST_PASSWORD };
}
