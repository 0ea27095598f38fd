import type { RawBuilder } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { compileFilter, filterUsesField } from './compile-filter.ts';
import { parseFilter } from './parse-filter.ts';
import { accountFactsCte } from './sql-account-facts.ts';

export type TSegmentEvaluation = {
  /** The CTE `account_facts` (sql-account-facts.ts). */
  facts: RawBuilder<unknown>;
  /** The filter as a condition on `f`, a row of `account_facts`. */
  where: RawBuilder<boolean>;
  /** The local day the facts hold for, `YYYY-MM-DD`. */
  today: string;
};

/**
 * What it takes to evaluate a filter in SQL, as of today in the workspace time zone. Throws bad input
 * (with the column) when the filter does not parse or validate.
 */
export async function prepareSegmentEvaluation({
  db,
  workspaceId,
  filter,
  accountIds,
}: {
  db: TDb;
  workspaceId: string;
  filter: string;
  accountIds?: string[];
}): Promise<TSegmentEvaluation> {
  const tree = parseFilter(filter);
  const workspace = await getWorkspace({ db, workspaceId });
  const today = todayIn(workspace.timezone);
  return {
    facts: accountFactsCte({ workspaceId, today, accountIds, withNps: filterUsesField(tree, 'nps_latest') }),
    where: compileFilter(tree, workspace.timezone),
    today,
  };
}
