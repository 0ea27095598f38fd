import { randomBytes } from 'node:crypto';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { ensureWorkspace } from '../workspaces/ensure-workspace.ts';
import { hashPassword } from './hash-password.ts';
import type { TRole } from './roles.ts';
import { type TUser, toUser, USER_COLUMNS } from './to-user.ts';
import { assertPassword, normalizeEmail, normalizeName, type TLocale } from './validate-user.ts';

export type TCreateUserInput = {
  db: TDb;
  workspaceId: string;
  email: string;
  password: string;
  role: TRole;
  name?: string | null;
  locale?: TLocale;
};

/** Adds a user to the workspace (creating the workspace when it does not exist yet, as API keys do). */
export async function createUser(input: TCreateUserInput): Promise<TUser> {
  const { db, workspaceId, role } = input;
  const email = normalizeEmail(input.email);
  const name = normalizeName(input.name);
  const passwordHash = await hashPassword(assertPassword(input.password));
  await ensureWorkspace({ db, workspaceId });
  const row = await db
    .insertInto('users')
    .values({
      workspace_id: workspaceId,
      id: `usr_${randomBytes(6).toString('hex')}`,
      email,
      name,
      role,
      password_hash: passwordHash,
      locale: input.locale ?? 'en',
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'email']).doNothing())
    .returning([...USER_COLUMNS])
    .executeTakeFirst();
  if (!row) throw new AppError('conflict', `a user with email ${email} already exists in this workspace`);
  return toUser(row);
}
