import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { resumeBlockedCases } from './resume-blocked-cases.ts';

export type TPaymentMethodInput = {
  id: string;
  accountId: string;
  type: 'card' | 'direct_debit' | 'bank_transfer' | 'wallet' | 'other';
  brand?: string | null;
  last4?: string | null;
  expMonth?: number | null;
  expYear?: number | null;
  /** Default: unchanged for a known method; a new one is the default when the account has none. */
  isDefault?: boolean;
};

/**
 * Records an account's payment method (from the API or Stripe). A new or changed default method unblocks
 * hard-declined dunning cases of the account (their next attempt runs at once). Making one default clears
 * the flag on the account's others. Idempotent: the same method again is `unchanged` and resumes nothing.
 */
export async function upsertPaymentMethod(input: {
  db: Kysely<Database>;
  workspaceId: string;
  method: TPaymentMethodInput;
  now?: Date;
}): Promise<{ status: 'created' | 'updated' | 'unchanged'; resumedCaseIds?: string[] }> {
  const { db } = input;
  return db.isTransaction ? upsertIn(db, input) : db.transaction().execute((trx) => upsertIn(trx, input));
}

async function upsertIn(
  db: Kysely<Database>,
  { workspaceId, method, now = new Date() }: { workspaceId: string; method: TPaymentMethodInput; now?: Date },
): Promise<{ status: 'created' | 'updated' | 'unchanged'; resumedCaseIds?: string[] }> {
  const account = await db
    .selectFrom('accounts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', method.accountId)
    .executeTakeFirst();
  if (!account) throw new AppError('not_found', `no account "${method.accountId}" in this workspace`);
  const stored = await db
    .selectFrom('payment_methods')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', method.id)
    .forUpdate()
    .executeTakeFirst();
  if (stored && stored.account_id !== method.accountId) {
    throw new AppError('conflict', `payment method "${method.id}" belongs to another account`);
  }
  const hasDefault = await db
    .selectFrom('payment_methods')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('account_id', '=', method.accountId)
    .where('is_default', '=', true)
    .where('id', '<>', method.id)
    .executeTakeFirst();
  const next = {
    type: method.type,
    brand: method.brand === undefined ? (stored?.brand ?? null) : method.brand,
    last4: method.last4 === undefined ? (stored?.last4 ?? null) : method.last4,
    exp_month: method.expMonth === undefined ? (stored?.exp_month ?? null) : method.expMonth,
    exp_year: method.expYear === undefined ? (stored?.exp_year ?? null) : method.expYear,
    is_default: method.isDefault ?? stored?.is_default ?? !hasDefault,
  };
  const isSame =
    stored !== undefined &&
    (Object.keys(next) as (keyof typeof next)[]).every((name) => stored[name] === next[name]);
  if (isSame) return { status: 'unchanged' };
  if (next.is_default) {
    await db
      .updateTable('payment_methods')
      .set({ is_default: false, updated_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('account_id', '=', method.accountId)
      .where('id', '<>', method.id)
      .where('is_default', '=', true)
      .execute();
  }
  await db
    .insertInto('payment_methods')
    .values({
      workspace_id: workspaceId,
      id: method.id,
      account_id: method.accountId,
      ...next,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'id']).doUpdateSet({ ...next, updated_at: now }))
    .execute();
  const resumedCaseIds = next.is_default
    ? await resumeBlockedCases({ db, workspaceId, accountId: method.accountId, now })
    : [];
  return { status: stored ? 'updated' : 'created', resumedCaseIds };
}
