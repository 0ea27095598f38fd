import type { TStore } from '../../db/connect.ts';
import { getRecord } from '../ingest/get-record.ts';
import { ingestEntities } from '../ingest/ingest-entities.ts';
import { upsertRecord } from '../ingest/upsert-record.ts';

type TBillingEntity = 'payments' | 'invoices' | 'subscriptions';

/**
 * Writes a payment, or changes an invoice or subscription, through the ingest module, exactly as the billing
 * system's own records arrive: same validation, and MRR, health and lifecycle see the change. A change
 * (`patch` with `id`) reads the stored record and sends it back whole with the patched fields.
 */
export async function writeBillingRecord({
  store,
  workspaceId,
  entity,
  record,
  isPatch = false,
}: {
  store: TStore;
  workspaceId: string;
  entity: TBillingEntity;
  record: Record<string, unknown> & { id: string };
  isPatch?: boolean;
}): Promise<void> {
  const target = ingestEntities.find((e) => e.entity.name === entity)!;
  const base = isPatch ? await getRecord({ db: store.db, workspaceId, target, key: { id: record.id } }) : {};
  const merged: Record<string, unknown> = {};
  for (const [name, value] of Object.entries({ ...base, ...record })) {
    if (!target.entity.columns.some((c) => c.name === name)) continue;
    merged[name] = value instanceof Date ? value.toISOString() : value;
  }
  await upsertRecord({ store, workspaceId, target, record: merged });
}
