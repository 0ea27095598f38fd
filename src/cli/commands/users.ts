import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createUser } from '../../modules/users/create-user.ts';
import { findUsers } from '../../modules/users/find-users.ts';
import { getUser } from '../../modules/users/get-user.ts';
import { ROLES, type TRole, ZRole } from '../../modules/users/roles.ts';
import type { TUser } from '../../modules/users/to-user.ts';
import { type TUpdateUserInput, updateUser } from '../../modules/users/update-user.ts';
import { MIN_PASSWORD_LENGTH, ZLocale } from '../../modules/users/validate-user.ts';
import { resolveContext, type TContext, withStore } from '../context.ts';
import { NULL_MARK } from '../output/format-values.ts';
import { printOutput } from '../output/print-output.ts';
import { readPassword } from '../read-password.ts';

function parseRole(value: string): TRole {
  const parsed = ZRole.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`expected one of ${ROLES.join(', ')}.`);
  return parsed.data;
}

function parseLocale(value: string): 'en' | 'es' {
  const parsed = ZLocale.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError('expected en or es.');
  return parsed.data;
}

/** One user as an object (after a change), or `{ users }` for a list, in JSON. */
function printUsers(context: TContext, users: TUser[], { isList = false } = {}): void {
  const time = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : NULL_MARK);
  printOutput<TUser>({
    format: context.format,
    json: isList ? { users } : users[0],
    rows: users,
    table: {
      rows: users,
      empty:
        'no users: create the first admin with `tenure users create --email you@example.com --role admin`',
      columns: [
        { header: 'ID', value: (u) => u.id, align: 'left' },
        { header: 'Email', value: (u) => u.email, align: 'left' },
        { header: 'Name', value: (u) => u.name ?? NULL_MARK, align: 'left' },
        { header: 'Role', value: (u) => u.role, align: 'left' },
        { header: 'Locale', value: (u) => u.locale, align: 'left' },
        { header: 'Created', value: (u) => time(u.created_at), align: 'left' },
        { header: 'Disabled', value: (u) => time(u.disabled_at), align: 'left' },
      ],
    },
  });
}

/** An admin's change to one user, named by email or id. */
async function changeUser(
  command: Command,
  idOrEmail: string,
  change: Omit<TUpdateUserInput, 'db' | 'workspaceId' | 'id'>,
): Promise<void> {
  const context = resolveContext(command);
  const user = await withStore(context, async (store) => {
    const { id } = await getUser({ db: store.db, workspaceId: context.workspaceId, idOrEmail });
    return updateUser({ db: store.db, workspaceId: context.workspaceId, id, ...change });
  });
  printUsers(context, [user]);
}

export function registerUsersCommands(program: Command): void {
  const users = program
    .command('users')
    .description('people who sign in to the dashboard and API, with a role: admin, manager, csm or viewer');

  users
    .command('create')
    .description(
      `add a user; the password (at least ${MIN_PASSWORD_LENGTH} characters) is prompted for, or read from stdin`,
    )
    .requiredOption('--email <email>', 'their sign-in email')
    .requiredOption('--role <role>', ROLES.join(' | '), parseRole)
    .option('--name <name>', 'their name')
    .option('--locale <locale>', 'language of the dashboard: en | es', parseLocale, 'en')
    .option('--password-stdin', 'read the password from stdin (as does a pipe without this flag)')
    .action(
      async (
        options: { email: string; role: TRole; name?: string; locale: 'en' | 'es'; passwordStdin?: boolean },
        command: Command,
      ) => {
        const context = resolveContext(command);
        const password = await readPassword({ isFromStdin: options.passwordStdin === true });
        const user = await withStore(context, (store) =>
          createUser({
            db: store.db,
            workspaceId: context.workspaceId,
            email: options.email,
            password,
            role: options.role,
            name: options.name,
            locale: options.locale,
          }),
        );
        printUsers(context, [user]);
      },
    );

  users
    .command('list')
    .description("the workspace's users (never their passwords)")
    .action(async (_options: unknown, command: Command) => {
      const context = resolveContext(command);
      const list = await withStore(context, (store) =>
        findUsers({ db: store.db, workspaceId: context.workspaceId }),
      );
      printUsers(context, list, { isList: true });
    });

  users
    .command('set-role')
    .description("change a user's role (the last active admin keeps theirs)")
    .argument('<user>', 'email or id')
    .argument('<role>', ROLES.join(' | '), parseRole)
    .action(async (user: string, role: TRole, _options: unknown, command: Command) =>
      changeUser(command, user, { role }),
    );

  users
    .command('disable')
    .description('stop a user from signing in; their sessions end at once')
    .argument('<user>', 'email or id')
    .action(async (user: string, _options: unknown, command: Command) =>
      changeUser(command, user, { isDisabled: true }),
    );

  users
    .command('enable')
    .description('let a disabled user sign in again')
    .argument('<user>', 'email or id')
    .action(async (user: string, _options: unknown, command: Command) =>
      changeUser(command, user, { isDisabled: false }),
    );

  users
    .command('set-password')
    .description("replace a user's password (prompted for, or read from stdin); their sessions end")
    .argument('<user>', 'email or id')
    .option('--password-stdin', 'read the password from stdin')
    .action(async (user: string, options: { passwordStdin?: boolean }, command: Command) => {
      const password = await readPassword({ isFromStdin: options.passwordStdin === true });
      await changeUser(command, user, { password });
    });
}
