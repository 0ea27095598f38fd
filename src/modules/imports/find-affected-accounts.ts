import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import type { TEntity } from './import-types.ts';

/** Past this many accounts a whole-workspace recompute is cheaper than a long id list. */
const MAX_ACCOUNTS = 10_000;

/**
 * Before the upsert: remembers which account each staged invoice (or invoice line) belongs to now, since an
 * update may move it to another account and both accounts' MRR then change.
 */
export async function snapshotAccounts(trx: TDb, entity: TEntity, workspaceId: string): Promise<void> {
  const current =
    entity.name === 'invoices'
      ? sql`select i.id, i.account_id from import_stage s
          join invoices i on i.workspace_id = ${workspaceId} and i.id = s.id`
      : sql`select l.id, i.account_id from import_stage s
          join invoice_lines l on l.workspace_id = ${workspaceId} and l.id = s.id
          join invoices i on i.workspace_id = l.workspace_id and i.id = l.invoice_id`;
  await sql`create temp table import_old_accounts on commit drop as ${current}`.execute(trx);
}

/**
 * After the upsert: the accounts whose revenue the changed rows touch (before and after the change), or
 * `undefined` = the whole workspace (FX rates change every account's conversion; or too many accounts).
 */
export async function findAffectedAccounts(
  trx: TDb,
  entity: TEntity,
  workspaceId: string,
): Promise<string[] | undefined> {
  if (entity.name === 'fx_rates') return undefined;
  const now =
    entity.name === 'invoices'
      ? sql`select i.account_id from invoices i
          where i.workspace_id = ${workspaceId} and i.id in (select key from import_changed)`
      : sql`select i.account_id from invoice_lines l
          join invoices i on i.workspace_id = l.workspace_id and i.id = l.invoice_id
          where l.workspace_id = ${workspaceId} and l.id in (select key from import_changed)`;
  const { rows } = await sql<{ account_id: string }>`
    select account_id from (${now}) n
    union
    select account_id from import_old_accounts where id in (select key from import_changed)
    limit ${MAX_ACCOUNTS + 1}`.execute(trx);
  return rows.length > MAX_ACCOUNTS ? undefined : rows.map((r) => r.account_id);
}
