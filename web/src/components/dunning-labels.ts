import type { TMessageKey, TTranslate } from '../i18n.ts';
import type { TDunningCaseDetail } from '../types.ts';

const TIERS = new Set(['vip', 'core', 'non_core', 'potential']);

/** A tier's label (`tier.vip`), the raw value for one the dictionary does not know, a dash for none. */
export function tierLabel(t: TTranslate, tier: string | null): string {
  if (tier === null) return t('billing.noTier');
  return TIERS.has(tier) ? t(`tier.${tier}` as TMessageKey) : tier;
}

export function statusLabel(t: TTranslate, status: string): string {
  return t(`dunning.status.${status}` as TMessageKey);
}

/**
 * When the next attempt is due: the case's opening plus its policy's next retry day (the server anchors the
 * schedule there, moving it only when a blocked case resumes), or null after the last attempt.
 */
export function nextRetryAt(c: TDunningCaseDetail): string | null {
  const days = c.policy.retry_days[c.attempts_made];
  if (days === undefined) return null;
  return new Date(Date.parse(c.opened_at) + days * 86_400_000).toISOString();
}
