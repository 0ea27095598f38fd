import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import type { TIngestEntity } from './ingest-entities.ts';

/**
 * One stored record of this workspace by its key (`{ id }`; FX rates `{ currency, date }`), as the
 * ingestion API returns it. A record of another workspace is `not_found` like a missing one.
 */
export async function getRecord({
  db,
  workspaceId,
  target,
  key,
}: {
  db: TDb;
  workspaceId: string;
  target: TIngestEntity;
  key: Record<string, string>;
}): Promise<Record<string, unknown>> {
  const { entity } = target;
  const conditions = entity.key.map((name) => sql`${sql.ref(`t.${name}`)} = ${key[name] ?? null}`);
  const { rows } = await sql<Record<string, unknown>>`
    select t.* from ${sql.table(entity.name)} t
    where t.workspace_id = ${workspaceId} and ${sql.join(conditions, sql` and `)}`.execute(db);
  if (!rows[0]) {
    const name = entity.key.map((k) => key[k]).join(' on ');
    throw new AppError('not_found', `no ${target.noun} "${name}" in this workspace`);
  }
  const { workspace_id: _, ...record } = rows[0];
  return record;
}
