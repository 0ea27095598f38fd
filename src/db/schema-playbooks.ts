import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, TimestampNull } from './schema.ts';

type JsonObject = ColumnType<Record<string, unknown>, string | undefined, string>;

export type PlaybookEnrollmentStatus = 'active' | 'completed' | 'exited' | 'failed';

export type PlaybooksTable = {
  workspace_id: string;
  id: string;
  name: string;
  description: string | null;
  template_id: string | null;
  is_enabled: Generated<boolean>;
  definition: ColumnType<unknown, string, string>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type PlaybookEnrollmentsTable = {
  workspace_id: string;
  id: string;
  playbook_id: string;
  playbook_version: number;
  account_id: string;
  occurrence_key: string;
  status: Generated<PlaybookEnrollmentStatus>;
  next_step_id: string | null;
  resume_at: TimestampNull;
  context: JsonObject;
  enrolled_at: Timestamp;
  finished_at: TimestampNull;
  exit_reason: string | null;
};

export type PlaybookEnrollmentLogTable = {
  workspace_id: string;
  enrollment_id: string;
  seq: number;
  at: Timestamp;
  step_id: string | null;
  step_type: string | null;
  outcome: string;
  detail: JsonObject;
};

export type PlaybookWatermarksTable = {
  workspace_id: string;
  playbook_id: string;
  evaluated_until: Timestamp;
  /** No occurrence before this enrolls: the playbook's creation or last enabling, less the first lookback. */
  active_from: Timestamp;
};

export type AccountTagsTable = {
  workspace_id: string;
  account_id: string;
  tag: string;
  created_at: Generated<Date>;
};

/** Tables of the playbooks area (issue 4); merged into `Database` in schema.ts. */
export type PlaybooksTables = {
  playbooks: PlaybooksTable;
  playbook_enrollments: PlaybookEnrollmentsTable;
  playbook_enrollment_log: PlaybookEnrollmentLogTable;
  playbook_watermarks: PlaybookWatermarksTable;
  account_tags: AccountTagsTable;
};
