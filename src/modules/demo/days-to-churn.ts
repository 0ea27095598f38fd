import type { TAccountStory } from './demo-context.ts';

/** Days from `day` until the account's next churn (Infinity when it does not churn later in the window). */
export function daysToChurn(story: TAccountStory, day: number): number {
  for (const churn of story.churnDays) if (churn >= day) return churn - day;
  return Number.POSITIVE_INFINITY;
}
