import type { Generated } from 'kysely';

/** Tables of the result cache (issue 5, migration 0014); merged into `Database` in schema.ts. */
export type DataChangesTable = {
  workspace_id: string;
  /** billing, engagement, health, segments or retention: which tables changed (migration 0014 lists them). */
  domain: string;
  /** The writing transaction (`txid_current()`); a compacted row carries the compacting one's. */
  txid: string;
  /** How many committed transactions the row stands for: 1, or more once compacted. */
  weight: Generated<string>;
};

export type ResultCacheTable = {
  workspace_id: string;
  /** The endpoint, its parameters and the day they were resolved on. */
  key: string;
  endpoint: string;
  /** The parameters as JSON: what the background refresh computes again. */
  params: string;
  /** The data versions the result was computed from, as "domain:n,…". */
  version: string;
  /** The answer as JSON text (text keeps the order of its keys; jsonb would sort them). */
  result: string;
  computed_at: Generated<Date>;
  /** The last time a request asked for it: entries nobody asks for are neither refreshed nor kept. */
  used_at: Generated<Date>;
};

export type CacheTables = {
  data_changes: DataChangesTable;
  result_cache: ResultCacheTable;
};
