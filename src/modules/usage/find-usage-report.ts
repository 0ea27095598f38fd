import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { findKeyFeatures } from './find-key-features.ts';
import { findUsageSummaries, type TUsageSummary } from './find-usage-summaries.ts';

export type TUsageReport = {
  at: string;
  /** What adoption_breadth is measured against (setting `usage.key_features`, or the default). */
  key_features: string[];
  /** Accounts of the workspace in id order. */
  total: number;
  accounts: ({ account_id: string; account_name: string } & TUsageSummary)[];
};

/**
 * One page of usage summaries with account names, for `tenure usage` and `GET /v1/usage`: the page of
 * accounts is chosen first, so a page costs the same in a workspace of any size. `not_found` for an
 * unknown `accountId`.
 */
export async function findUsageReport({
  db,
  workspaceId,
  at,
  accountId,
  limit,
  offset = 0,
}: {
  db: TDb;
  workspaceId: string;
  at: string;
  accountId?: string;
  limit?: number;
  offset?: number;
}): Promise<TUsageReport> {
  let query = db
    .selectFrom('accounts')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .offset(offset);
  if (accountId !== undefined) query = query.where('id', '=', accountId);
  if (limit !== undefined) query = query.limit(limit);
  const page = await query.execute();
  if (accountId !== undefined && page.length === 0 && offset === 0) {
    throw new AppError('not_found', `account "${accountId}" not found`);
  }
  const total =
    accountId !== undefined
      ? 1
      : Number(
          (
            await db
              .selectFrom('accounts')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('workspace_id', '=', workspaceId)
              .executeTakeFirstOrThrow()
          ).n,
        );
  const keyFeatures = await findKeyFeatures({ db, workspaceId, at });
  const summaries = await findUsageSummaries({
    db,
    workspaceId,
    at,
    accountIds: page.map((a) => a.id),
    keyFeatures,
  });
  return {
    at,
    key_features: keyFeatures,
    total,
    accounts: page.map((a) => ({ account_id: a.id, account_name: a.name, ...summaries.get(a.id)! })),
  };
}
