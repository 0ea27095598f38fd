import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { accountFactsCte } from '../segments/sql-account-facts.ts';
import { defaultDunningPolicy, type TDunningPolicy } from './dunning-policy.ts';
import { findDunningPolicies } from './find-dunning-policies.ts';

export type TResolvedPolicy = {
  policy: TDunningPolicy;
  /** null when the built-in default applies. */
  policyId: string | null;
  tier: string | null;
  /** The account's MRR in the reporting currency on `today`. */
  mrr: string;
};

/**
 * The policy for an account's new case: the first of the workspace's policies (by priority) whose tier and
 * segment match, else the built-in default. Tier and MRR come from the same account facts segments use
 * (tier from lifecycle's `account_profiles`, MRR from the latest movement), so they agree with the dashboard.
 */
export async function resolveDunningPolicy({
  db,
  workspaceId,
  accountId,
  today,
}: {
  db: TDb;
  workspaceId: string;
  accountId: string;
  today: string;
}): Promise<TResolvedPolicy> {
  const { rows } = await sql<{ tier: string | null; mrr: string }>`
    with ${accountFactsCte({ workspaceId, today, accountIds: [accountId] })}
    select tier, mrr::text as mrr from account_facts`.execute(db);
  const tier = rows[0]?.tier ?? null;
  const mrr = rows[0]?.mrr ?? '0';
  const { policies } = await findDunningPolicies({ db, workspaceId });
  const segmentIds = policies.flatMap((p) => (p.segment_id ? [p.segment_id] : []));
  const memberOf = new Set<string>();
  if (segmentIds.length > 0) {
    const members = await db
      .selectFrom('segment_memberships')
      .select('segment_id')
      .where('workspace_id', '=', workspaceId)
      .where('account_id', '=', accountId)
      .where('segment_id', 'in', segmentIds)
      .execute();
    for (const m of members) memberOf.add(m.segment_id);
  }
  const match = policies.find(
    (p) => (p.tier === null || p.tier === tier) && (p.segment_id === null || memberOf.has(p.segment_id)),
  );
  return match
    ? { policy: match, policyId: match.id, tier, mrr }
    : { policy: defaultDunningPolicy(tier), policyId: null, tier, mrr };
}
