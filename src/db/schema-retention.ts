import type { ColumnType, Generated } from 'kysely';

/** Tables of the tasks and retention area (issue 4, migration 0011); merged into `Database` in schema.ts. */
type TimestampNull = ColumnType<Date | null, Date | string | null, Date | string | null>;

export type TasksTable = {
  workspace_id: string;
  id: string;
  account_id: string;
  title: string;
  description: string | null;
  owner_email: string | null;
  /** `YYYY-MM-DD`. */
  due_on: string | null;
  priority: Generated<'low' | 'normal' | 'high' | 'urgent'>;
  status: Generated<'open' | 'in_progress' | 'done' | 'cancelled'>;
  source: Generated<'manual' | 'playbook' | 'dunning'>;
  source_playbook_id: string | null;
  source_enrollment_id: string | null;
  idempotency_key: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  completed_at: TimestampNull;
};

export type ChurnReasonsTable = {
  workspace_id: string;
  code: string;
  label_en: string;
  label_es: string;
  is_active: Generated<boolean>;
  position: Generated<number>;
};

export type RetentionSettingsTable = {
  workspace_id: string;
  signing_secret: string;
  public_url: string | null;
  updated_at: Generated<Date>;
};

export type RetentionTables = {
  tasks: TasksTable;
  churn_reasons: ChurnReasonsTable;
  retention_settings: RetentionSettingsTable;
};
