import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';

/** The groups of tables whose changes `data_changes` counts (migration 0014 lists their tables). */
export type TDataDomain = 'billing' | 'engagement' | 'health' | 'segments' | 'retention';

/**
 * The version of a workspace's data in `domains`, as one string: today's date in UTC and in the
 * workspace's time zone (reports default to "today" in one or the other) and, per domain, the number of committed transactions that changed
 * it. Each writing transaction adds its row in the same commit as its data, and a reader sees a prefix of the
 * commits, so two reads give the same string only if no change to these domains committed in between.
 */
export async function readDataVersion(
  db: TDb,
  workspaceId: string,
  domains: readonly TDataDomain[],
): Promise<string> {
  const { rows } = await sql<{ day: string | null; counts: string | null }>`
    select to_char(now() at time zone 'UTC', 'YYYY-MM-DD') || '/' ||
      (select to_char(now() at time zone w.timezone, 'YYYY-MM-DD') from workspaces w
        where w.workspace_id = ${workspaceId}) as day,
      (select string_agg(domain || ':' || n, ',' order by domain) from (
        select domain, sum(weight) as n from data_changes
        where workspace_id = ${workspaceId} and domain = any(${[...domains]}::text[])
        group by domain) d) as counts`.execute(db);
  const row = rows[0];
  return `${row?.day ?? ''};${row?.counts ?? ''}`;
}
