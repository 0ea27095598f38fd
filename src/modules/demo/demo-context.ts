import type { TRandom } from './create-random.ts';
import type { TDemoFile } from './demo-files.ts';
import type { TCurrency, TTier } from './demo-plans.ts';
import type { TLanguage } from './make-names.ts';

/** The simulated window: days are UTC day numbers (see demo-dates.ts). */
export type TDemoContext = {
  random: TRandom;
  /** First day of history. */
  startDay: number;
  /** `endDate`: history (usage, support, payments) stops the day before. */
  endDay: number;
  /**
   * Billing runs one month further: a subscription renewing later this month already has its upcoming
   * (open) invoice, so the MRR of "today" does not fall as if every account churned on `endDate`.
   */
  billingEndDay: number;
  /** Subscriptions started before this day are on the grandfathered v1 prices. */
  firstYearEndDay: number;
  /** Usage events aggregated per week (default) or per month (thinned, for big benchmarks), or none. */
  events: 'week' | 'month' | 'none';
};

export type TEmit = (file: TDemoFile, row: (string | number)[]) => void;

export type TDemoContact = { id: string; email: string; isBilling: boolean };

/** What the usage and support simulations need to know about an account's billing life. */
export type TAccountStory = {
  id: string;
  language: TLanguage;
  currency: TCurrency;
  tier: TTier;
  seats: number;
  /** Latent health 0..1: drives churn, usage, satisfaction. */
  health: number;
  createdDay: number;
  contacts: TDemoContact[];
  /** Days with product access (trial or paid), end exclusive, in order. */
  activeRanges: { start: number; end: number }[];
  /** Days on which the account's MRR fell to zero (before `endDay`). */
  churnDays: number[];
};
