import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';

export type TFeedbackSource = 'surveys' | 'tickets';

/** A survey comment or a ticket subject. `score` is the survey's score, or a ticket's satisfaction (1–5). */
export type TFeedbackText = {
  source: 'survey' | 'ticket';
  id: string;
  account_id: string;
  survey: string | null;
  score: number | null;
  date: string;
  text: string;
};

/**
 * The newest `cap` non-blank survey comments and ticket subjects dated `from`..`to` (whole days of the
 * workspace time zone), newest first. Only the columns the grouping needs leave the database.
 */
export async function findFeedbackTexts({
  db,
  workspaceId,
  timezone,
  from,
  to,
  sources,
  accountIds,
  cap,
}: {
  db: TDb;
  workspaceId: string;
  timezone: string;
  from: string;
  to: string;
  sources: readonly TFeedbackSource[];
  accountIds?: readonly string[];
  cap: number;
}): Promise<TFeedbackText[]> {
  const start = sql`(${from}::date)::timestamp at time zone ${timezone}::text`;
  const end = sql`(${to}::date + 1)::timestamp at time zone ${timezone}::text`;
  const onAccounts = (column: string) =>
    accountIds ? sql`and ${sql.ref(column)} = any(${[...accountIds]}::text[])` : sql``;
  const parts = [];
  if (sources.includes('surveys')) {
    parts.push(sql`select 'survey' as source, id, account_id, survey, score::text as score,
        responded_at as at, comment as text
      from survey_responses
      where workspace_id = ${workspaceId} and responded_at >= ${start} and responded_at < ${end}
        and btrim(coalesce(comment, '')) <> '' ${onAccounts('account_id')}`);
  }
  if (sources.includes('tickets')) {
    parts.push(sql`select 'ticket' as source, id, account_id, null::text as survey, satisfaction::text as score,
        opened_at as at, subject as text
      from tickets
      where workspace_id = ${workspaceId} and opened_at >= ${start} and opened_at < ${end}
        and btrim(coalesce(subject, '')) <> '' ${onAccounts('account_id')}`);
  }
  if (parts.length === 0) return [];
  const { rows } = await sql<Omit<TFeedbackText, 'score' | 'date'> & { score: string | null; date: string }>`
    select source, id, account_id, survey, score, to_char(at at time zone ${timezone}::text, 'YYYY-MM-DD') as date,
      text
    from (${sql.join(parts, sql` union all `)}) t
    order by at desc, source, id
    limit ${cap}`.execute(db);
  return rows.map((row) => ({ ...row, score: row.score === null ? null : Number(row.score) }));
}
