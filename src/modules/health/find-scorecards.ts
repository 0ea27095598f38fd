import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { type TScorecard, toScorecard } from './scorecard-row.ts';

/** The latest version of every scorecard of the workspace, the default first, then by id. */
export async function findScorecards({
  db,
  workspaceId,
}: {
  db: TDb;
  workspaceId: string;
}): Promise<Array<TScorecard & { versions: number }>> {
  const rows = await db
    .selectFrom('health_scorecards as s')
    .selectAll('s')
    .select(
      sql<number>`(select count(*) from health_scorecards v
        where v.workspace_id = s.workspace_id and v.id = s.id)::int`.as('versions'),
    )
    .where('s.workspace_id', '=', workspaceId)
    .where('s.archived_at', 'is', null)
    .where(({ eb, selectFrom }) =>
      eb(
        's.version',
        '=',
        selectFrom('health_scorecards as l')
          .select(({ fn }) => fn.max('l.version').as('v'))
          .whereRef('l.workspace_id', '=', 's.workspace_id')
          .whereRef('l.id', '=', 's.id'),
      ),
    )
    .orderBy('s.is_default', 'desc')
    .orderBy('s.id')
    .execute();
  return rows.map(({ versions, ...row }) => ({ ...toScorecard(row), versions }));
}
