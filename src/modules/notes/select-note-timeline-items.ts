import { type RawBuilder, sql } from 'kysely';

/** How much of a note the timeline shows: enough to recognise it; the Notes section has the rest. */
export const NOTE_PREVIEW_CHARS = 200;

/**
 * An account's notes as rows of the account timeline (accounts360/find-account-timeline.ts), in its
 * columns: `at` when written, `title` the author's name (else email, else the API key's name), `status`
 * `pinned` or null, `text` the first NOTE_PREVIEW_CHARS characters on one line (… when cut), `from_value`
 * the author's type (`user`, `api_key`, or null once removed). The notes module keeps its table to itself:
 * the timeline unions this fragment instead of reading `account_notes`.
 */
export function selectNoteTimelineItems({
  workspaceId,
  accountId,
}: {
  workspaceId: string;
  accountId: string;
}): RawBuilder<unknown> {
  const preview = sql`regexp_replace(left(n.body, ${sql.lit(NOTE_PREVIEW_CHARS)}), '\\s+', ' ', 'g')`;
  return sql`
    select n.created_at as at, 'note' as kind, n.id, coalesce(u.name, u.email, k.name) as title,
      case when n.is_pinned then 'pinned' end as status, null::numeric as amount, null::text as currency,
      case when char_length(n.body) > ${sql.lit(NOTE_PREVIEW_CHARS)} then ${preview} || '…' else ${preview} end
        as text,
      case when u.id is not null then 'user' when k.id is not null then 'api_key' end as from_value,
      null::text as to_value
    from account_notes n
    left join users u on u.workspace_id = n.workspace_id and u.id = n.author_user_id
    left join api_keys k on k.workspace_id = n.workspace_id and k.id = n.author_api_key_id
    where n.workspace_id = ${workspaceId} and n.account_id = ${accountId}`;
}
