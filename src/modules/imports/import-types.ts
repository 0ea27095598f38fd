import type { RawBuilder } from 'kysely';

/** The kinds of value shared/spec/data.md defines ("General rules"), each with its own parser. */
export type TColumnType =
  | { kind: 'id' }
  | { kind: 'ref'; table: 'accounts' | 'contacts' | 'invoices'; noun: string }
  | { kind: 'text' }
  | { kind: 'timestamp' }
  | { kind: 'date' }
  | { kind: 'amount' }
  | { kind: 'decimal'; min?: 'positive' | 'zero' }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'currency' }
  | { kind: 'json' };

export type TColumn = {
  name: string;
  type: TColumnType;
  isRequired?: boolean;
  /** Stored when the value is empty or the column is absent (e.g. `quantity` = 1). */
  fallback?: string;
};

export type TRowError = { column: string; message: string };

/** A value of the row being validated, by column name; `null` = empty. */
export type TRowValue = (column: string) => string | null;

export type TCheckContext = { workspaceId: string; timezone: string; reportingCurrency: string };

export type TEntity = {
  name: TEntityName;
  /** Columns of the natural key (besides workspace_id); `id` for all but fx_rates. */
  key: readonly string[];
  columns: readonly TColumn[];
  /** Unknown columns become typed custom attributes (accounts, contacts) instead of warnings. */
  hasAttributes?: boolean;
  /** Which currency bounds the decimals of `amount` columns: the row's, the reporting one, or the invoice's. */
  amountCurrency?: 'row' | 'reporting' | 'invoice';
  /** Rules over several columns of one row, checked in JavaScript while streaming. */
  checkRow?: (value: TRowValue) => TRowError[];
  /** Rules checked in SQL over the staging table `import_stage s`: each selects (line, col, message). */
  sqlChecks?: (ctx: TCheckContext) => RawBuilder<unknown>[];
  /** MRR movements depend on this entity: recompute them after it changes. */
  affectsRevenue?: boolean;
};

export type TEntityName =
  | 'accounts'
  | 'contacts'
  | 'fx_rates'
  | 'plans'
  | 'subscriptions'
  | 'invoices'
  | 'invoice_lines'
  | 'payments'
  | 'events'
  | 'tickets'
  | 'survey_responses'
  | 'email_events'
  | 'costs';

export type TImportFileSummary = {
  file: string;
  entity: TEntityName;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejects_file?: string;
  seconds: number;
};

export type TImportSummary = {
  files: TImportFileSummary[];
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: string[];
};

export type TImportProgress = {
  file: string;
  entity: TEntityName;
  rows: number;
  bytes: number;
  totalBytes: number;
};

/** How long one step of a file's import took (for `bench/import-speed.ts` and verbose output). */
export type TImportPhase = {
  file: string;
  entity: TEntityName;
  phase: 'read' | 'check' | 'upsert' | 'recompute' | 'commit';
  seconds: number;
};

export type TImportError = { file: string; line: number; column: string; message: string };
