import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';

/**
 * Failed logins allowed per window: few per email (guessing one person's password), more per address
 * (an office behind one NAT mistypes too). Counted in the database so that limits hold across restarts
 * and processes. Check-then-record is not atomic: concurrent attempts may overshoot by a few, which does
 * not change what an attacker can try in 15 minutes.
 */
export const LOGIN_LIMITS = { perEmail: 5, perIp: 50, windowMinutes: 15 } as const;
const WINDOW = sql`make_interval(mins => ${LOGIN_LIMITS.windowMinutes})`;

/**
 * Seconds until the failures in the window drop below `limit`, or 0 when they already are: the time at
 * which the limit-th most recent failure leaves the window.
 */
async function secondsUntilBelow(
  db: TDb,
  limit: number,
  filter: { workspaceId: string; email: string } | { ip: string },
): Promise<number> {
  let query = db
    .selectFrom('login_attempts')
    .select(sql<number>`ceil(extract(epoch from attempted_at + ${WINDOW} - now()))::int`.as('seconds'))
    .where('attempted_at', '>', sql<Date>`now() - ${WINDOW}`);
  query =
    'ip' in filter
      ? query.where('ip', '=', filter.ip)
      : query.where('workspace_id', '=', filter.workspaceId).where('email', '=', filter.email);
  const row = await query
    .orderBy('attempted_at', 'desc')
    .offset(limit - 1)
    .limit(1)
    .executeTakeFirst();
  return row ? Math.max(1, row.seconds) : 0;
}

/**
 * Throws `rate_limited` (details: `retry_after` seconds) while the email or the address has too many recent
 * failures. Checked before the password, so a correct password is refused too while limited.
 */
export async function checkLoginRate({
  db,
  workspaceId,
  email,
  ip,
}: {
  db: TDb;
  workspaceId: string;
  email: string;
  ip: string;
}): Promise<void> {
  const retryAfter = Math.max(
    await secondsUntilBelow(db, LOGIN_LIMITS.perEmail, { workspaceId, email }),
    await secondsUntilBelow(db, LOGIN_LIMITS.perIp, { ip }),
  );
  if (retryAfter > 0) {
    throw new AppError('rate_limited', 'too many failed logins: try again later', {
      retry_after: retryAfter,
    });
  }
}
