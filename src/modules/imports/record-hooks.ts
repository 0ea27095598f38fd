import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { markHealthStale } from '../health/mark-health-stale.ts';
import { refreshUsageRollups } from '../usage/refresh-usage-rollups.ts';
import { rememberUsageKeys } from '../usage/remember-usage-keys.ts';
import type { TCheckContext, TEntity } from './import-types.ts';

/** Past this many accounts, every account of the workspace is marked stale instead of a long id list. */
const MAX_ACCOUNTS = 10_000;

/**
 * Runs in the file's transaction before the staged rows (`import_stage`) are written: for events, keeps
 * where the staged ids are now, since an update may move an event out of a usage rollup.
 */
export async function beforeUpsert(trx: TDb, entity: TEntity, ctx: TCheckContext): Promise<void> {
  if (entity.name === 'events') await rememberUsageKeys(trx, ctx);
}

/**
 * Runs in the file's transaction after the staged rows were written (`import_changed` holds the keys of
 * the rows inserted or updated): brings the usage rollups up to date, then queues the accounts whose
 * health inputs changed.
 */
export async function afterUpsert(trx: TDb, entity: TEntity, ctx: TCheckContext): Promise<void> {
  if (entity.name === 'events') await refreshUsageRollups(trx, ctx);
  const accountIds = await findChangedAccounts(trx, entity, ctx.workspaceId);
  if (accountIds === null) return;
  await markHealthStale({ db: trx, workspaceId: ctx.workspaceId, accountIds });
}

/** The accounts the changed rows belong to; `undefined` = all of them; `null` = none (not a health input). */
async function findChangedAccounts(
  trx: TDb,
  entity: TEntity,
  workspaceId: string,
): Promise<string[] | undefined | null> {
  const changed = sql`(select key from import_changed)`;
  let query: ReturnType<typeof sql<{ account_id: string }>>;
  switch (entity.name) {
    case 'accounts':
      query = sql`select id as account_id from accounts where workspace_id = ${workspaceId} and id in ${changed}`;
      break;
    case 'events':
      // Every account an event is on now or was on before the update (left by refreshUsageRollups).
      query = sql`select account_id from usage_keys`;
      break;
    case 'contacts':
    case 'subscriptions':
    case 'invoices':
    case 'tickets':
    case 'survey_responses':
      query = sql`select account_id from ${sql.table(entity.name)}
        where workspace_id = ${workspaceId} and id in ${changed}`;
      break;
    case 'invoice_lines':
    case 'payments':
      query = sql`select i.account_id from ${sql.table(entity.name)} r
        join invoices i on i.workspace_id = r.workspace_id and i.id = r.invoice_id
        where r.workspace_id = ${workspaceId} and r.id in ${changed}`;
      break;
    case 'email_events':
      query = sql`select c.account_id from email_events r
        join contacts c on c.workspace_id = r.workspace_id and c.id = r.contact_id
        where r.workspace_id = ${workspaceId} and r.id in ${changed}`;
      break;
    case 'fx_rates':
      return undefined;
    default:
      return null;
  }
  const { rows } = await sql<{ account_id: string }>`
    select distinct account_id from (${query}) q limit ${MAX_ACCOUNTS + 1}`.execute(trx);
  return rows.length > MAX_ACCOUNTS ? undefined : rows.map((r) => r.account_id);
}
