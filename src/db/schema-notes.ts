import type { ColumnType, Generated } from 'kysely';

/** Tables of account notes (issue 5, migration 0012); merged into `Database` in schema.ts. */
type TimestampNull = ColumnType<Date | null, Date | string | null, Date | string | null>;

export type AccountNotesTable = {
  workspace_id: string;
  id: string;
  account_id: string;
  /** The user who wrote it; null when an API key did, or once the user is removed. */
  author_user_id: string | null;
  /** The API key that wrote it, when an integration did. */
  author_api_key_id: string | null;
  /** Plain text, 1 to 10,000 characters. */
  body: string;
  is_pinned: Generated<boolean>;
  created_at: Generated<Date>;
  /** Any change, pinning included. */
  updated_at: Generated<Date>;
  /** The last change of the body: what "edited" means to a reader. */
  edited_at: TimestampNull;
};

export type NotesTables = {
  account_notes: AccountNotesTable;
};
