import { type RawBuilder, sql } from 'kysely';

/**
 * Event names that are relationship signals rather than product use (shared/spec/data.md lists them among
 * events): a social mention or a referral says nothing about whether anyone uses the product, so they do
 * not count as events, active users or activity in the usage summaries. They stay in `usage_daily` per
 * name, for charts and for health measures that count them on purpose.
 */
export const SIGNAL_EVENTS: readonly string[] = ['social_mention', 'referral_made'];

/** Names left out of the default key features (`usage.key_features` unset): signals and plain logins. */
export const NON_FEATURE_EVENTS: readonly string[] = ['login', ...SIGNAL_EVENTS];

/** The local date of a timestamp in the workspace time zone: the `day` of the rollups. */
export function sqlLocalDay(timestamp: RawBuilder<unknown>, timezone: string): RawBuilder<string> {
  return sql<string>`(${timestamp} at time zone ${timezone}::text)::date`;
}
