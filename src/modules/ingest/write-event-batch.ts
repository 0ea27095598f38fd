import { sql } from 'kysely';
import type { TDb, TStore } from '../../db/connect.ts';
import { markHealthStale } from '../health/mark-health-stale.ts';
import type { TCheckContext, TEntity } from '../imports/import-types.ts';
import { sqlValue } from '../imports/sql-value.ts';
import { addUsageEvents } from '../usage/add-usage-events.ts';
import { lockDerivedRows } from '../usage/lock-derived-rows.ts';
import { rewriteUsageDays } from '../usage/rewrite-usage-days.ts';
import type { TFieldError, TIngestItem } from './ingest-records.ts';
import { retryRaces } from './retry-races.ts';
import type { TStagedRecords } from './stage-records.ts';

/** A stored event as the upsert returns it, with where it was before when it existed. */
type TWrittenEvent = {
  id: string;
  account_id: string;
  contact_id: string | null;
  name: string;
  day: string;
  quantity: string;
  is_insert: boolean;
  old_account_id: string | null;
  old_day: string | null;
};

/**
 * The write path of the events batch endpoint: what `ingestRecords` does for events (same checks, same
 * messages, same statuses, one transaction), without its staging tables, at a fraction of the cost. The
 * records are validated in JavaScript (`stageRecords`), duplicate ids found in JavaScript, references
 * looked up with one query, and the events written by one `insert … on conflict do update` that returns
 * what it inserted or changed. New events are added to the rollups incrementally (`addUsageEvents`, under
 * the derived-rows lock taken shared, so concurrent batches of a workspace run side by side); a batch that
 * updates events rewrites the old and new days of its keys instead, under the lock taken exclusively.
 * Records whose items differ in which fields they carry are not for this path (`staged.present.hasRowMask`).
 */
export async function writeEventBatch({
  store,
  ctx,
  entity,
  staged,
  count,
}: {
  store: TStore;
  ctx: TCheckContext;
  entity: TEntity;
  staged: TStagedRecords;
  /** How many records were sent (items are answered by index). */
  count: number;
}): Promise<TIngestItem[]> {
  const { batch } = staged;
  const column = (name: string) => batch.columns[entity.columns.findIndex((c) => c.name === name)]!;
  const ids = column('id') as string[];
  const accountIds = column('account_id') as string[];
  const contactIds = column('contact_id');
  // Errors by index, in the order of the CSV import: value errors, then duplicates, then references.
  const errors = new Map<number, TFieldError[]>();
  const addError = (line: number, field: string, message: string) => {
    const list = errors.get(line) ?? [];
    list.push({ field, message });
    errors.set(line, list);
  };
  batch.errorLines.forEach((line, i) => {
    addError(line, batch.errorColumns[i]!, batch.errorMessages[i]!);
  });
  const firstLine = new Map<string, number>();
  batch.lines.forEach((line, i) => {
    const first = firstLine.get(ids[i]!);
    if (first === undefined) firstLine.set(ids[i]!, line);
    else addError(line, 'id', `duplicate id "${ids[i]}" (first at index ${first})`);
  });
  return retryRaces(() =>
    store.db.transaction().execute(async (trx) => {
      const known = await findKnownReferences(trx, ctx.workspaceId, accountIds, contactIds);
      const rowErrors = new Map(errors);
      const addRowError = (line: number, field: string, message: string) =>
        rowErrors.set(line, [...(rowErrors.get(line) ?? []), { field, message }]);
      const valid: number[] = [];
      batch.lines.forEach((line, i) => {
        const contact = contactIds[i];
        if (!known.accounts.has(accountIds[i]!))
          addRowError(line, 'account_id', `unknown account "${accountIds[i]}"`);
        if (contact != null && !known.contacts.has(contact)) {
          addRowError(line, 'contact_id', `unknown contact "${contact}"`);
        }
        if (!rowErrors.has(line)) valid.push(i);
      });
      const items: TIngestItem[] = Array.from({ length: count }, (_, index) => {
        const found = rowErrors.get(index);
        return found
          ? { index, status: 'rejected', errors: found }
          : { index, status: 'unchanged', errors: [] };
      });
      if (valid.length === 0) return items;
      const written = await upsertEvents(trx, entity, ctx, staged, valid);
      if (written.length === 0) return items;
      const lineOf = new Map(valid.map((i) => [ids[i]!, batch.lines[i]!]));
      for (const row of written) items[lineOf.get(row.id)!]!.status = row.is_insert ? 'created' : 'updated';
      await writeDerivedRows(trx, ctx, written);
      return items;
    }),
  );
}

/** The referenced accounts and contacts that exist in the workspace, in one query. */
async function findKnownReferences(
  trx: TDb,
  workspaceId: string,
  accountIds: string[],
  contactIds: (string | null)[],
): Promise<{ accounts: Set<string>; contacts: Set<string> }> {
  const accounts = [...new Set(accountIds)];
  const contacts = [...new Set(contactIds.filter((c): c is string => c !== null))];
  const { rows } = await sql<{ is_account: boolean; id: string }>`
    select true as is_account, id from accounts where workspace_id = ${workspaceId} and id = any(${accounts}::text[])
    union all
    select false, id from contacts where workspace_id = ${workspaceId} and id = any(${contacts}::text[])`.execute(
    trx,
  );
  const known = { accounts: new Set<string>(), contacts: new Set<string>() };
  for (const row of rows) (row.is_account ? known.accounts : known.contacts).add(row.id);
  return known;
}

/**
 * Writes the valid rows (positions in the staged batch) in id order, so concurrent batches lock shared ids in
 * the same order. An existing event is rewritten only when a value it carries differs (`is distinct from`,
 * as the import); absent fields keep their stored values. Returns the inserted and changed events, the
 * changed ones with their account and day before the statement (its snapshot: `old`).
 */
async function upsertEvents(
  trx: TDb,
  entity: TEntity,
  ctx: TCheckContext,
  staged: TStagedRecords,
  valid: number[],
): Promise<TWrittenEvent[]> {
  const names = entity.columns.map((c) => c.name);
  const arrays = entity.columns.map((_, i) => {
    const values = staged.batch.columns[i]!;
    return sql`${valid.map((v) => values[v]!)}::text[]`;
  });
  const values = entity.columns.map((c) => sqlValue(c.name, c.type, ctx.timezone));
  const changed = entity.columns.filter(
    (c) => staged.present.columns.has(c.name) && !entity.key.includes(c.name),
  );
  const sets = changed.map((c) => sql`${sql.id(c.name)} = excluded.${sql.id(c.name)}`);
  const mine = changed.map((c) => sql`t.${sql.id(c.name)}`);
  const theirs = changed.map((c) => sql`excluded.${sql.id(c.name)}`);
  const ids = valid.map((v) => staged.batch.columns[0]![v]!);
  const day = (alias: string) =>
    sql`(${sql.ref(`${alias}.occurred_at`)} at time zone ${ctx.timezone}::text)::date`;
  const { rows } = await sql<TWrittenEvent>`
    with old as materialized (
      select o.id, o.account_id, ${day('o')} as day from events o
      where o.workspace_id = ${ctx.workspaceId} and o.id = any(${ids}::text[])),
    w as (
      insert into events as t (workspace_id, ${sql.join(names.map((n) => sql.id(n)))})
      select ${ctx.workspaceId}, ${sql.join(values)}
      from unnest(${sql.join(arrays)}) as s (${sql.join(names.map((n) => sql.id(n)))})
      order by s.id
      on conflict (workspace_id, id) do update set ${sql.join(sets)}
      where (${sql.join(mine)}) is distinct from (${sql.join(theirs)})
      returning t.id, t.account_id, t.contact_id, t.name, ${day('t')}::text as day, t.quantity::text as quantity,
        (t.xmax = 0) as is_insert)
    select w.*, old.account_id as old_account_id, old.day::text as old_day
    from w left join old on old.id = w.id`.execute(trx);
  for (const row of rows) {
    // Changed but not there before: a concurrent request inserted it after this statement's snapshot, so its
    // old place is unknown. Run the transaction again (it will see the row).
    if (!row.is_insert && row.old_account_id === null) {
      throw Object.assign(new Error(`event "${row.id}" was written concurrently`), { code: '40001' });
    }
  }
  return rows;
}

/** Usage rollups and the stale queue after the events write (see writeEventBatch). */
async function writeDerivedRows(trx: TDb, ctx: TCheckContext, written: TWrittenEvent[]): Promise<void> {
  const { workspaceId, timezone } = ctx;
  const accounts = new Set(written.map((r) => r.account_id));
  if (written.every((r) => r.is_insert)) {
    await lockDerivedRows(trx, workspaceId, 'shared');
    await addUsageEvents(trx, workspaceId, {
      accountIds: written.map((r) => r.account_id),
      days: written.map((r) => r.day),
      names: written.map((r) => r.name),
      contactIds: written.map((r) => r.contact_id),
      quantities: written.map((r) => r.quantity),
    });
  } else {
    await lockDerivedRows(trx, workspaceId, 'exclusive');
    const moved = written.filter((r) => r.old_account_id !== null);
    for (const r of moved) accounts.add(r.old_account_id!);
    await rewriteUsageDays(trx, {
      workspaceId,
      timezone,
      accountIds: [...written.map((r) => r.account_id), ...moved.map((r) => r.old_account_id!)],
      days: [...written.map((r) => r.day), ...moved.map((r) => r.old_day!)],
    });
  }
  await markHealthStale({ db: trx, workspaceId, accountIds: [...accounts].sort() });
}
