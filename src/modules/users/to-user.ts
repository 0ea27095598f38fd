import type { Selectable } from 'kysely';
import type { UsersTable } from '../../db/schema.ts';
import type { TRole } from './roles.ts';
import type { TLocale } from './validate-user.ts';

/** A user as the API and the CLI show it: never the password hash. */
export type TUser = {
  id: string;
  email: string;
  name: string | null;
  role: TRole;
  locale: TLocale;
  created_at: string;
  disabled_at: string | null;
};

/** The columns `toUser` reads, for `.select(USER_COLUMNS)`. */
export const USER_COLUMNS = ['id', 'email', 'name', 'role', 'locale', 'created_at', 'disabled_at'] as const;

export function toUser(row: Pick<Selectable<UsersTable>, (typeof USER_COLUMNS)[number]>): TUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
    created_at: row.created_at.toISOString(),
    disabled_at: row.disabled_at?.toISOString() ?? null,
  };
}
