import type { TDb } from '../db/connect.ts';

export type TSideEffectOutcome<T> =
  | { status: 'performed'; result: T }
  | { status: 'already_done'; result: T }
  | { status: 'uncertain' };

export type TPerformSideEffectOnce<T> = {
  /** The store's db, never a transaction: the claim must be committed before `perform` starts. */
  db: TDb;
  workspaceId: string;
  /** The idempotency key: one email, webhook delivery or charge, e.g. `dunning.email:inv_1:3`. */
  key: string;
  /** What kind of effect it is (`email`, `webhook`, `payment`…), for whoever reads the table. */
  kind: string;
  /** Sends it; resolves to what should be remembered (JSON), e.g. the provider's message id. */
  perform: () => Promise<T>;
  now?: Date;
};

/**
 * Performs an effect outside the database at most once per key, so that a job retried or resumed after a
 * crash never sends twice.
 *
 * The key is claimed (committed) before `perform` runs and marked done after it. Finding it already
 * done, the stored result is returned. Finding it still claimed means an earlier run stopped between the
 * two (a crash, a kill, a lost lease) and nobody can know whether the email, webhook or payment went
 * out: the key is marked `uncertain` and the effect is never performed again.
 *
 * The trade-off: at most once, not exactly once. A crash at the wrong instant loses one effect instead of
 * doubling it, and leaves a row with status `uncertain` for a person to check (a duplicate charge or
 * email is worse than a missing one that can be seen and redone). Likewise, when `perform` throws, the
 * claim is deleted and the error rethrown so that the job retries: `perform` must throw only when the
 * effect surely did not happen (e.g. the SMTP server refused the message), and resolve when it might have.
 */
export async function performSideEffectOnce<T>(
  options: TPerformSideEffectOnce<T>,
): Promise<TSideEffectOutcome<T>> {
  const { db, workspaceId, key, kind, perform, now = new Date() } = options;
  const claimed = await db
    .insertInto('side_effects')
    .values({ workspace_id: workspaceId, key, kind, status: 'claimed', claimed_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!claimed) {
    // No row any more: a concurrent run's perform failed and released the key; claim it afresh.
    return (await findOutcome<T>(db, workspaceId, key)) ?? performSideEffectOnce(options);
  }

  let result: T;
  try {
    result = await perform();
  } catch (error) {
    await db
      .deleteFrom('side_effects')
      .where('workspace_id', '=', workspaceId)
      .where('key', '=', key)
      .where('status', '=', 'claimed')
      .execute();
    throw error;
  }
  // Done even if another run marked it uncertain meanwhile: it did go out, and that is now known.
  await db
    .updateTable('side_effects')
    .set({ status: 'done', completed_at: options.now ?? new Date(), result: JSON.stringify(result ?? null) })
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', key)
    .execute();
  return { status: 'performed', result };
}

async function findOutcome<T>(
  db: TDb,
  workspaceId: string,
  key: string,
): Promise<TSideEffectOutcome<T> | undefined> {
  const marked = await db
    .updateTable('side_effects')
    .set({ status: 'uncertain' })
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', key)
    .where('status', '=', 'claimed')
    .returning('key')
    .executeTakeFirst();
  if (marked) return { status: 'uncertain' };
  const row = await db
    .selectFrom('side_effects')
    .select(['status', 'result'])
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  return row.status === 'done'
    ? { status: 'already_done', result: row.result as T }
    : { status: 'uncertain' };
}
