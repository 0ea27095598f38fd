import type { TDb } from '../../db/connect.ts';
import { addDays } from './add-days.ts';
import { enqueueDunningRetry } from './enqueue-dunning-retry.ts';
import { loadDunningCase } from './load-dunning-case.ts';

/**
 * Unblocks the account's open cases waiting for a payment method (a hard decline): the next attempt runs at
 * once and the rest of the schedule keeps its spacing from there (`schedule_anchor` moves so that the next
 * attempt's day is now). A case whose hard decline came on its last attempt gets one attempt on the new
 * method. Runs in the caller's transaction.
 */
export async function resumeBlockedCases({
  db,
  workspaceId,
  accountId,
  now,
}: {
  db: TDb;
  workspaceId: string;
  accountId: string;
  now: Date;
}): Promise<string[]> {
  const blocked = await db
    .selectFrom('dunning_cases')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('account_id', '=', accountId)
    .where('status', '=', 'open')
    .where('blocked_reason', 'is not', null)
    .where('last_failure_at', '<', now)
    .execute();
  for (const { id } of blocked) {
    const dunningCase = (await loadDunningCase({ db, workspaceId, caseId: id, forUpdate: true }))!;
    const next = dunningCase.attempts_made + 1;
    const nextDay = dunningCase.policy.retry_days[next - 1] ?? 0;
    await db
      .updateTable('dunning_cases')
      .set({ blocked_reason: null, schedule_anchor: addDays(now, -nextDay) })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
    await enqueueDunningRetry(db, { workspaceId, caseId: id, attempt: next, runAt: now });
  }
  return blocked.map((b) => b.id);
}
