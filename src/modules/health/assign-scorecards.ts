import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { findScorecards } from './find-scorecards.ts';
import type { TScorecard } from './scorecard-row.ts';
import type { TScorecardDefinition } from './scorecard-schema.ts';

export type TAssignedScorecard = { id: string; version: number; definition: TScorecardDefinition };

export type TScorecardAssignment = {
  /** The scorecard that applies to an account (the default when no other one matches). */
  scorecardFor: (accountId: string) => TAssignedScorecard;
  scorecards: TScorecard[];
  defaultScorecard: TScorecard;
};

/**
 * Which scorecard scores each account (issue 3 item 5, "a scorecard per segment or lifecycle stage, with a
 * default"). Precedence: a scorecard whose `applies_to.segment_id` names a segment the account is in (one
 * that also names a stage must match it too, and wins over a segment-only one), then one whose
 * `applies_to.stage` is the account's stage (`account_profiles.stage`), then the default. Ties go to the
 * smallest scorecard id, so the choice is stable. Only accounts with a non-default scorecard are loaded.
 */
export async function assignScorecards({
  db,
  workspaceId,
  accountIds,
}: {
  db: TDb;
  workspaceId: string;
  accountIds?: readonly string[];
}): Promise<TScorecardAssignment> {
  const scorecards = await findScorecards({ db, workspaceId });
  const defaultScorecard = scorecards.find((s) => s.is_default);
  if (!defaultScorecard) {
    throw new AppError('conflict', `workspace "${workspaceId}" has no default health scorecard`);
  }
  const rules = scorecards.filter((s) => !s.is_default && s.applies_to !== null);
  const chosen = new Map<string, string>();
  if (rules.length > 0 && accountIds?.length !== 0) {
    const ids = rules.map((s) => s.id);
    const segments = rules.map((s) => s.applies_to?.segment_id ?? null);
    const stages = rules.map((s) => s.applies_to?.stage ?? null);
    const { rows } = await sql<{ account_id: string; scorecard_id: string }>`
      with rules as (
        select * from unnest(${ids}::text[], ${segments}::text[], ${stages}::text[]) as r(id, segment_id, stage)
      )
      select a.id as account_id, (
        select r.id from rules r
        left join account_profiles p on p.workspace_id = a.workspace_id and p.account_id = a.id
        where (r.segment_id is null or exists (
            select 1 from segment_memberships m
            where m.workspace_id = a.workspace_id and m.account_id = a.id and m.segment_id = r.segment_id))
          and (r.stage is null or p.stage = r.stage)
        order by (r.segment_id is null), (r.stage is null), r.id
        limit 1
      ) as scorecard_id
      from accounts a
      where a.workspace_id = ${workspaceId}
        ${accountIds ? sql`and a.id = any(${accountIds}::text[])` : sql``}`.execute(db);
    for (const row of rows) if (row.scorecard_id !== null) chosen.set(row.account_id, row.scorecard_id);
  }
  const byId = new Map(scorecards.map((s) => [s.id, s]));
  const assigned = (s: TScorecard): TAssignedScorecard => ({
    id: s.id,
    version: s.version,
    definition: s.definition,
  });
  return {
    scorecardFor: (accountId) =>
      assigned(byId.get(chosen.get(accountId) ?? defaultScorecard.id) ?? defaultScorecard),
    scorecards,
    defaultScorecard,
  };
}
