import type { TScoringRule } from './scorecard-schema.ts';

/**
 * A measure's value as 0..100 by its rule (semantics documented in scorecard-schema.ts); null when the
 * value is null or a `thresholds` rule has no range for it.
 */
export function scoreRule(rule: TScoringRule, value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  switch (rule.type) {
    case 'thresholds': {
      const hit = rule.thresholds.find(
        (t) => (t.min === undefined || value >= t.min) && (t.max === undefined || value < t.max),
      );
      return hit ? hit.score : null;
    }
    case 'linear':
      return clamp((100 * (value - rule.worst)) / (rule.best - rule.worst), 0, 100);
    case 'linear_bounded': {
      const position = (value - rule.worst) / (rule.best - rule.worst);
      return clamp(rule.floor + position * (rule.ceiling - rule.floor), rule.floor, rule.ceiling);
    }
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
