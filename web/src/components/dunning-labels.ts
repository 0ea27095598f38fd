import type { TFormat } from '../format.ts';
import type { TMessageKey, TTranslate } from '../i18n.ts';
import type { TDunningCase } from '../types.ts';

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
 * What an open case does next, as the server scheduled it: a retry or the final action with its date; a
 * held case waits for a new payment method (and may still have its final action's deadline).
 */
export function nextStepLabel(t: TTranslate, format: TFormat, c: TDunningCase): string {
  if (c.status !== 'open') return '—';
  const step = c.next_step;
  const scheduled = !step
    ? null
    : step.kind === 'retry'
      ? t('dunning.retryOn', { attempt: step.attempt ?? '', date: format.date(step.at) })
      : t('dunning.finalOn', { date: format.date(step.at) });
  if (c.blocked_reason) return scheduled ? `${t('dunning.blocked')} · ${scheduled}` : t('dunning.blocked');
  return scheduled ?? '—';
}
