import { sql } from 'kysely';
import { toNumber } from '../revenue/sql-rounding.ts';

/** An account in member lists and the account table: the facts a CSM scans. MRR rounded to cents. */
export type TAccountRow = {
  account_id: string;
  name: string;
  owner_email: string | null;
  mrr: number;
  customer: boolean;
  tier: string | null;
  stage: string | null;
  health_score: number | null;
  health_band: string | null;
};

export type TAccountRowSql = {
  account_id: string;
  name: string;
  owner_email: string | null;
  mrr: string;
  customer: boolean;
  tier: string | null;
  stage: string | null;
  health_score: string | null;
  health_band: string | null;
};

/** The select list of a TAccountRow from `f`, a row of `account_facts`. */
export const accountRowColumns = sql`f.id as account_id, f.name, f.owner_email, round(f.mrr, 2) as mrr,
  f.customer, f.tier, f.stage, round(f.health_score, 1) as health_score, f.health_band`;

export function toAccountRow(row: TAccountRowSql): TAccountRow {
  return {
    account_id: row.account_id,
    name: row.name,
    owner_email: row.owner_email,
    mrr: toNumber(row.mrr)!,
    customer: row.customer,
    tier: row.tier,
    stage: row.stage,
    health_score: toNumber(row.health_score),
    health_band: row.health_band,
  };
}
