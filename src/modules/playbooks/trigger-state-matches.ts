import { sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import type { TTriggerMatch } from './find-trigger-matches.ts';
import { customersCte } from './sql-trigger-customers.ts';
import { findCardTriggerMatches } from './trigger-card-matches.ts';
import type { TTriggerClock } from './trigger-clock.ts';
import { findRenewalTriggerMatches } from './trigger-renewal-matches.ts';
import type { TTrigger } from './trigger-schema.ts';

export type TStateTrigger = Extract<
  TTrigger,
  { kind: 'health_dropped' | 'card_expiring' | 'renewal_due' | 'usage_pattern' | 'inactive' }
>;

export type TStateInput<T> = {
  db: TDb;
  workspaceId: string;
  trigger: T;
  now: Date;
  clock: TTriggerClock;
  /** Only this account (isTriggerHolding re-checks one account). */
  accountId?: string;
};

/**
 * Accounts for which a state trigger holds at `now`, customers only (churned accounts and prospects are
 * not managed). `occurredAt` is `now`; the key names the occurrence so that re-evaluating it while it
 * lasts gives the same key.
 */
export async function findStateTriggerMatches(input: TStateInput<TStateTrigger>): Promise<TTriggerMatch[]> {
  const { trigger } = input;
  if (trigger.kind === 'health_dropped') return findHealthDrops({ ...input, trigger });
  if (trigger.kind === 'usage_pattern') return findUsagePatterns({ ...input, trigger });
  if (trigger.kind === 'inactive') return findInactive({ ...input, trigger });
  if (trigger.kind === 'renewal_due') return findRenewalTriggerMatches({ ...input, trigger });
  return findCardTriggerMatches({ ...input, trigger });
}

/**
 * The latest score on or before today is at least `points` below the latest score on or before
 * today − `days`. Scores are daily, so this is a daily occurrence: key `health_dropped:<account>:<today>`
 * (a playbook sets `once_per_days` to avoid re-enrolling every day of a lasting drop).
 */
async function findHealthDrops({
  db,
  workspaceId,
  trigger,
  now,
  clock,
  accountId,
}: TStateInput<Extract<TTrigger, { kind: 'health_dropped' }>>): Promise<TTriggerMatch[]> {
  const { today } = clock;
  const only = accountId === undefined ? sql`` : sql`and account_id = ${accountId}`;
  const { rows } = await sql<{
    account_id: string;
    score: string;
    previous_score: string;
    previous_date: string;
  }>`
    with ${customersCte({ workspaceId, today, now, accountId })},
    latest as (
      select distinct on (account_id) account_id, score
      from health_scores where workspace_id = ${workspaceId} and date <= ${today}::date ${only}
      order by account_id, date desc
    ),
    earlier as (
      select distinct on (account_id) account_id, score, date
      from health_scores where workspace_id = ${workspaceId} and date <= ${today}::date - ${trigger.days}::int ${only}
      order by account_id, date desc
    )
    select l.account_id, l.score::text as score, e.score::text as previous_score, e.date as previous_date
    from latest l
    join earlier e on e.account_id = l.account_id
    join customers c on c.account_id = l.account_id
    where e.score - l.score >= ${trigger.points}::numeric
    order by l.account_id`.execute(db);
  return rows.map((row) => ({
    accountId: row.account_id,
    occurrenceKey: `health_dropped:${row.account_id}:${today}`,
    occurredAt: now,
    context: {
      score: Number(row.score),
      previous_score: Number(row.previous_score),
      previous_date: row.previous_date,
      drop: Number(row.previous_score) - Number(row.score),
    },
  }));
}

/**
 * At least `min_count` events of that name (usage_daily `events`) on the `days` local days ending today.
 * Key `usage_pattern:<account>:<event>:<period start>`, where periods are consecutive blocks of `days`
 * days counted from 1970-01-01: a lasting pattern is one occurrence per block, so it enrolls at most once
 * per `days` days (and `once_per_days` thins that further), while each evaluation within a block agrees.
 */
async function findUsagePatterns({
  db,
  workspaceId,
  trigger,
  now,
  clock,
  accountId,
}: TStateInput<Extract<TTrigger, { kind: 'usage_pattern' }>>): Promise<TTriggerMatch[]> {
  const { today } = clock;
  const { rows } = await sql<{ account_id: string; count: number; window_start: string }>`
    with ${customersCte({ workspaceId, today, now, accountId })}
    select u.account_id, sum(u.events)::int8 as count, (${today}::date - ${trigger.days - 1}::int) as window_start
    from usage_daily u
    join customers c on c.account_id = u.account_id
    where u.workspace_id = ${workspaceId} and u.name = ${trigger.event}
      and u.day > ${today}::date - ${trigger.days}::int and u.day <= ${today}::date
    group by u.account_id
    having sum(u.events) >= ${trigger.min_count}
    order by u.account_id`.execute(db);
  const period = periodStart(today, trigger.days);
  return rows.map((row) => ({
    accountId: row.account_id,
    occurrenceKey: `usage_pattern:${row.account_id}:${trigger.event}:${period}`,
    occurredAt: now,
    context: {
      event: trigger.event,
      count: Number(row.count),
      days: trigger.days,
      window_start: row.window_start,
      window_end: today,
    },
  }));
}

/** The first day of the block of `days` days (counted from 1970-01-01) that contains `day`. */
function periodStart(day: string, days: number): string {
  const epochDay = Date.parse(`${day}T00:00:00Z`) / 86_400_000;
  return new Date((epochDay - (epochDay % days)) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Customers with no event of any name on the `days` local days ending today (usage_daily). An account
 * that never had one counts from its creation day, or, without `created_at`, from its first MRR movement.
 * Key `inactive:<account>:<last active day | never>`: the same until the account is active again.
 */
async function findInactive({
  db,
  workspaceId,
  trigger,
  now,
  clock,
  accountId,
}: TStateInput<Extract<TTrigger, { kind: 'inactive' }>>): Promise<TTriggerMatch[]> {
  const { today, workspace } = clock;
  const { rows } = await sql<{ account_id: string; last_active_on: string | null }>`
    with ${customersCte({ workspaceId, today, now, accountId })},
    facts as (
      select c.account_id,
        (select max(u.day) from usage_daily u
          where u.workspace_id = ${workspaceId} and u.account_id = c.account_id and u.day <= ${today}::date
        ) as last_active_on,
        coalesce(
          (a.created_at at time zone ${workspace.timezone}::text)::date,
          (select min(m.date) from mrr_movements m where m.workspace_id = ${workspaceId} and m.account_id = c.account_id)
        ) as since_on
      from customers c
      join accounts a on a.workspace_id = ${workspaceId} and a.id = c.account_id
    )
    select account_id, last_active_on from facts
    where coalesce(last_active_on, since_on) <= ${today}::date - ${trigger.days}::int
    order by account_id`.execute(db);
  return rows.map((row) => ({
    accountId: row.account_id,
    occurrenceKey: `inactive:${row.account_id}:${row.last_active_on ?? 'never'}`,
    occurredAt: now,
    context: { last_active_on: row.last_active_on, days: trigger.days },
  }));
}
