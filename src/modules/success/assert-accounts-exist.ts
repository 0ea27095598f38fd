import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';

/**
 * Fails with `not_found` naming the ids that are no account of the workspace: a mistyped `--account` would
 * otherwise report a quiet row of zeros, indistinguishable from an account without activity.
 */
export async function assertAccountsExist({
  db,
  workspaceId,
  accountIds,
}: {
  db: TDb;
  workspaceId: string;
  accountIds: readonly string[];
}): Promise<void> {
  if (accountIds.length === 0) return;
  const found = await db
    .selectFrom('accounts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(accountIds)])
    .execute();
  const known = new Set(found.map((row) => row.id));
  const missing = accountIds.filter((id) => !known.has(id));
  if (missing.length > 0) {
    const shown = missing
      .slice(0, 5)
      .map((id) => `"${id}"`)
      .join(', ');
    throw new AppError('not_found', `no account ${shown}${missing.length > 5 ? ' …' : ''} in this workspace`);
  }
}
