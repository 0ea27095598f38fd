import { type Kysely, sql } from 'kysely';

/**
 * Dashboard speed (issue 5: every page's data under 300 ms at 100,000 accounts): indexes that let the
 * dashboard's reads run as ordered index scans instead of sorting whole tables. Frozen once landed: never
 * edit after that.
 */
const statements = [
  // An account's MRR today is `mrr_after` of its latest movement (the account table, segments): one
  // descending probe per account, or one ordered pass for all of them, without visiting the table.
  `create index mrr_movements_latest on mrr_movements (workspace_id, account_id, date desc) include (mrr_after)`,
  // The same for an account's latest health score; score rows are wide (every measure's explanation), so
  // reading the index alone is many times less data.
  `create index health_scores_latest on health_scores (workspace_id, account_id, date desc) include (score, band)`,
  // One day's portfolio: the band counts and the accounts from the lowest score up, without the wide rows.
  `create index health_scores_day on health_scores (workspace_id, date, score, account_id) include (band)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
