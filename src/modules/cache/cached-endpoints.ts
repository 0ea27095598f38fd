import type { TDb } from '../../db/connect.ts';
import { todayIn } from '../../http/today-in.ts';
import { findSegmentMrr } from '../accounts360/find-segment-mrr.ts';
import { addDays, todayUtc } from '../dates/add-days.ts';
import { findFeedbackThemes } from '../feedback/find-feedback-themes.ts';
import { findHealthBySegment } from '../health/find-health-by-segment.ts';
import { findHealthScores } from '../health/find-health-scores.ts';
import { findWinBackAttributions } from '../playbooks/find-win-back-attributions.ts';
import { computeChurnReasons } from '../retention/compute-churn-reasons.ts';
import { findAnnualSwitchCandidates } from '../retention/find-annual-switch-candidates.ts';
import { findGrandfatheredCustomers } from '../retention/find-grandfathered-customers.ts';
import { computeCohorts } from '../revenue/compute-cohorts.ts';
import { computeRenewals } from '../revenue/compute-renewals.ts';
import { computeRevenueMetrics } from '../revenue/compute-revenue-metrics.ts';
import { findFxCoverage } from '../revenue/find-fx-coverage.ts';
import { getMrr } from '../revenue/get-mrr.ts';
import { computeSuccessMetrics } from '../success/compute-success-metrics.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import type { TDataDomain } from './read-data-version.ts';

type TInputOf<F extends (input: never) => unknown> = Omit<Parameters<F>[0], 'db' | 'workspaceId'>;

export type TCachedEndpoint<P, R> = {
  /**
   * Every group of tables the computation reads: a change to any of them makes the stored answer stale.
   * A function when it depends on the parameters (a segment's scope reads its memberships).
   */
  domains: readonly TDataDomain[] | ((params: P) => readonly TDataDomain[]);
  /**
   * Computes the answer from parameters as the request gave them: defaults that depend on the day ("today",
   * "a year before today") are resolved here, so the background refresh computes the next day's answer.
   */
  compute: (db: TDb, workspaceId: string, params: P) => Promise<R>;
  /** Whether answers for these parameters are stored (default: all); the others are computed each time. */
  isStored?: (params: P) => boolean;
};

function endpoint<F extends (input: never) => Promise<unknown>>(
  domains: readonly TDataDomain[],
  fn: F,
): TCachedEndpoint<TInputOf<F>, Awaited<ReturnType<F>>> {
  return {
    domains,
    compute: (db, workspaceId, params) =>
      fn({ ...params, db, workspaceId } as Parameters<F>[0]) as Promise<Awaited<ReturnType<F>>>,
  };
}

/**
 * The reports whose answers are kept in `result_cache` (issue 5: every page's data under 300 ms at 100,000
 * accounts): those that scan a period's invoice lines, payments, answers or a day's scores. Account pages
 * and lists that read an index (accounts, segment members, tasks) are not kept.
 */
export const cachedEndpoints = {
  // MRR today (the workspace's day): asked by most pages, a sum over every movement.
  mrr: {
    domains: ['billing'],
    compute: async (db: TDb, workspaceId: string, params: { at?: string }) =>
      getMrr({
        db,
        workspaceId,
        at: params.at ?? todayIn((await getWorkspace({ db, workspaceId })).timezone),
      }),
  },
  'metrics.revenue': endpoint(['billing'], computeRevenueMetrics),
  'metrics.cohorts': endpoint(['billing'], computeCohorts),
  'metrics.renewals': endpoint(['billing'], computeRenewals),
  // Tickets, answers, emails and contacts are engagement; a segment's scope reads its memberships.
  'metrics.cs': {
    ...endpoint(['billing', 'engagement'], computeSuccessMetrics),
    domains: (params: { segmentId?: string }) =>
      params.segmentId === undefined ? ['billing', 'engagement'] : ['billing', 'engagement', 'segments'],
  },
  'feedback.themes': endpoint(['billing', 'engagement'], findFeedbackThemes),
  'fx.coverage': endpoint(['billing'], findFxCoverage),
  'pricing.grandfathered': {
    domains: ['billing'],
    compute: (db: TDb, workspaceId: string, params: { at?: string }) =>
      findGrandfatheredCustomers({ db, workspaceId, at: params.at ?? todayUtc() }),
  },
  'pricing.annual-candidates': {
    domains: ['billing', 'health'],
    compute: (db: TDb, workspaceId: string, params: { at?: string; discountPercent?: number }) =>
      findAnnualSwitchCandidates({
        db,
        workspaceId,
        at: params.at ?? todayUtc(),
        discountPercent: params.discountPercent,
      }),
  },
  'churn-reasons.report': {
    domains: ['billing', 'engagement', 'retention'],
    compute: (db: TDb, workspaceId: string, params: { from?: string; to?: string }) => {
      const to = params.to ?? addDays(todayUtc(), 1);
      const from = params.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4, 7)}-01`;
      return computeChurnReasons({ db, workspaceId, from, to });
    },
  },
  'playbooks.win-back': endpoint(['billing', 'engagement', 'retention'], findWinBackAttributions),
  // The health page: a day's scores (and the week's movers) read through every account of the portfolio.
  // Only the first page (and the movers) is what the page opens on; later pages are read as asked, so one
  // CSM paging through the portfolio does not leave dozens of answers for the refresh to redo.
  'health.scores': {
    ...endpoint(['billing', 'health'], findHealthScores),
    isStored: (params: { offset?: number }) => (params.offset ?? 0) === 0,
  },
  'health.segments': endpoint(['billing', 'health', 'segments'], findHealthBySegment),
  // The segment list: each segment's members and their MRR.
  'segments.mrr': endpoint(['billing', 'segments'], findSegmentMrr),
} satisfies Record<string, TCachedEndpoint<never, unknown>>;

export type TCachedEndpointName = keyof typeof cachedEndpoints;

/** The domains an endpoint's answer for these parameters reads. */
export function domainsOf(endpoint: TCachedEndpointName, params: unknown): readonly TDataDomain[] {
  const { domains } = cachedEndpoints[endpoint] as { domains: TCachedEndpoint<unknown, unknown>['domains'] };
  return typeof domains === 'function' ? domains(params) : domains;
}
export type TCachedParams<N extends TCachedEndpointName> = Parameters<
  (typeof cachedEndpoints)[N]['compute']
>[2];
export type TCachedAnswer<N extends TCachedEndpointName> = Awaited<
  ReturnType<(typeof cachedEndpoints)[N]['compute']>
>;
