import type { ColumnType, Generated } from 'kysely';

type TimestampNull = ColumnType<Date | null, Date | string | null, Date | string | null>;

export type EmailSettingsTable = {
  workspace_id: string;
  smtp_host: string | null;
  smtp_port: Generated<number>;
  smtp_secure: Generated<boolean>;
  smtp_username: string | null;
  smtp_password: string | null;
  from_address: string | null;
  from_name: string | null;
  reply_to: string | null;
  /** 'HH:MM' in the workspace time zone; null (with window_end) = no window, send at any time. */
  window_start: string | null;
  window_end: string | null;
  /** ISO days of week, 1 = Monday … 7 = Sunday. */
  window_days: Generated<number[]>;
  default_locale: Generated<'en' | 'es'>;
  public_url: Generated<string>;
  tracking_secret: string;
  updated_at: Generated<Date>;
};

export type EmailTemplatesTable = {
  workspace_id: string;
  id: string;
  locale: 'en' | 'es';
  subject: string;
  html: string;
  text: string;
  updated_at: Generated<Date>;
};

export type EmailMessageStatus = 'queued' | 'sent' | 'failed' | 'suppressed' | 'uncertain';
export type EmailMessagesTable = {
  workspace_id: string;
  id: string;
  idempotency_key: string;
  account_id: string;
  contact_id: string;
  to_email: string;
  template_id: string;
  locale: 'en' | 'es';
  subject: string;
  html: string;
  text: string;
  status: EmailMessageStatus;
  send_at: TimestampNull;
  sent_at: TimestampNull;
  smtp_response: string | null;
  error: string | null;
  source: string | null;
  created_at: Generated<Date>;
};

export type EmailSuppressionsTable = {
  workspace_id: string;
  email: string;
  reason: 'unsubscribed' | 'bounced' | 'manual';
  created_at: Generated<Date>;
};

/** Tables of the messaging area (issue 4); merged into `Database` in schema.ts. */
export type MessagingTables = {
  email_settings: EmailSettingsTable;
  email_templates: EmailTemplatesTable;
  email_messages: EmailMessagesTable;
  email_suppressions: EmailSuppressionsTable;
};
