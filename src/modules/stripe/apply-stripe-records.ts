import type { TStore } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { upsertPaymentMethod } from '../dunning/upsert-payment-method.ts';
import type { TEntityName } from '../imports/import-types.ts';
import { getRecord } from '../ingest/get-record.ts';
import { ingestEntities } from '../ingest/ingest-entities.ts';
import { ingestRecords } from '../ingest/ingest-records.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import type { TRecord, TStripeRecords } from './stripe-records.ts';

const targetOf = (name: TEntityName) => ingestEntities.find((t) => t.entity.name === name)!;

/**
 * Writes one event's records through the ingest module, references first, so each gets the import's
 * validation, MRR recompute and health staleness. Stripe sends events in no guaranteed order: an account
 * or invoice that an event refers to but that is not stored yet is created with what the event knows
 * (the customer id as the name), and its own event fills it in later. Any record that does not validate
 * throws `invalid_input`; records already written stay (each write is idempotent, so Stripe's retry of
 * the event completes it).
 */
export async function applyStripeRecords({
  store,
  workspaceId,
  records,
  now,
}: {
  store: TStore;
  workspaceId: string;
  records: TStripeRecords;
  now: Date;
}): Promise<void> {
  const workspace = await getWorkspace({ db: store.db, workspaceId });
  const ctx = { workspaceId, timezone: workspace.timezone, reportingCurrency: workspace.reportingCurrency };
  const write = async (name: TEntityName, list: TRecord[]) => {
    if (list.length === 0) return;
    const target = targetOf(name);
    await ingestRecords({
      store,
      ctx,
      entity: target.entity,
      records: list,
      isAtomic: true,
      noun: target.noun,
    });
  };
  const missing = async (name: TEntityName, list: TRecord[], known: TRecord[]) => {
    const result: TRecord[] = [];
    const seen = new Set(known.map((r) => r.id));
    for (const record of list) {
      if (seen.has(record.id)) continue;
      seen.add(record.id);
      if (!(await exists(store, workspaceId, name, String(record.id)))) result.push(record);
    }
    return result;
  };

  await write('accounts', records.accounts);
  const placeholders = records.customerIds.map((id) => ({ id, name: id }));
  await write('accounts', await missing('accounts', placeholders, records.accounts));
  await write('contacts', records.contacts);
  await write('plans', dedupe(records.plans));
  await write('subscriptions', records.subscriptions);
  await write('invoices', records.invoices);
  await write('invoices', await missing('invoices', records.placeholderInvoices, records.invoices));
  await write('invoice_lines', records.invoiceLines);
  await write('payments', records.payments);
  for (const method of records.paymentMethods) {
    await upsertPaymentMethod({ db: store.db, workspaceId, method, now });
  }
}

async function exists(store: TStore, workspaceId: string, name: TEntityName, id: string): Promise<boolean> {
  try {
    await getRecord({ db: store.db, workspaceId, target: targetOf(name), key: { id } });
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return false;
    throw error;
  }
}

/** One record per id (a subscription with two items of the same price names its plan twice). */
function dedupe(list: TRecord[]): TRecord[] {
  return [...new Map(list.map((r) => [r.id, r])).values()];
}
