import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { type TScorecard, toScorecard } from './scorecard-row.ts';

export type TScorecardWithVersions = TScorecard & {
  versions: Array<{ version: number; name: string; created_at: string }>;
};

/** One scorecard at a version (default: its latest), with the list of all its versions. */
export async function getScorecard({
  db,
  workspaceId,
  id,
  version,
}: {
  db: TDb;
  workspaceId: string;
  id: string;
  version?: number;
}): Promise<TScorecardWithVersions> {
  const rows = await db
    .selectFrom('health_scorecards')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .orderBy('version')
    .execute();
  const row = version === undefined ? rows.at(-1) : rows.find((r) => r.version === version);
  if (!row) {
    throw new AppError(
      'not_found',
      `no scorecard "${id}"${version === undefined ? '' : ` version ${version}`}`,
    );
  }
  return {
    ...toScorecard(row),
    versions: rows.map((r) => ({ version: r.version, name: r.name, created_at: r.created_at.toISOString() })),
  };
}
