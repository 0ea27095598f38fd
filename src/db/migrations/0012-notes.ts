import { type Kysely, sql } from 'kysely';

/**
 * Account notes (issue 5, Account 360): what a CSM writes on an account — call summaries, context — and
 * reads in its timeline. As in 0001, `workspace_id` leads the primary key and every foreign key.
 *
 * A note is deleted for good (no `deleted_at`): notes are free text that often holds personal data, so a
 * deletion (an erasure request, a note on the wrong account) must really remove it, and no screen would
 * ever show a soft-deleted note again. The dashboard asks for confirmation first.
 *
 * The author is a user, or the API key of an integration; removing either keeps the note and only forgets
 * who wrote it (`set null` of that column alone: PostgreSQL 15+). Frozen once landed: never edit after that.
 */
const statements = [
  `create table account_notes (
    workspace_id text not null,
    id text not null,
    account_id text not null,
    author_user_id text,
    author_api_key_id text,
    body text not null check (char_length(body) between 1 and 10000),
    is_pinned boolean not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    edited_at timestamptz,
    primary key (workspace_id, id),
    foreign key (workspace_id, account_id) references accounts (workspace_id, id) on delete cascade,
    foreign key (workspace_id, author_user_id) references users (workspace_id, id)
      on delete set null (author_user_id),
    foreign key (workspace_id, author_api_key_id) references api_keys (workspace_id, id)
      on delete set null (author_api_key_id)
  )`,
  // The account's notes as the page lists them (pinned first, newest first); the timeline reads the
  // same prefix for one account.
  `create index account_notes_account on account_notes
    (workspace_id, account_id, is_pinned desc, created_at desc, id desc)`,
  // Removing a user or a key looks up their notes to forget the author.
  `create index account_notes_author on account_notes (workspace_id, author_user_id)
    where author_user_id is not null`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
