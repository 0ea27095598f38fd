import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './api.ts';
import { monthOf } from './months.ts';
import type {
  TCsMetrics,
  TCsTrend,
  TFeedbackThemes,
  TFxCoverage,
  TFxRatePage,
  THealthBySegment,
  TMeasureCatalog,
  TMrr,
  TNotePage,
  TPortfolio,
  TRevenue,
  TScorecard,
  TScorecardPreview,
  TSegmentMrr,
  TWorkspace,
  TWorkspaceDetails,
} from './types.ts';

/** Today's MRR (the reference date every other page's months are counted back from). */
export function useMrr() {
  return useQuery({ queryKey: ['mrr'], queryFn: () => api<TMrr>('/v1/mrr') });
}

/** The 12 months up to the month of `date` (the current month is still running). */
export function useRevenue(date: string | undefined) {
  return useQuery({
    queryKey: ['revenue', date],
    enabled: date !== undefined,
    queryFn: () =>
      api<TRevenue>('/v1/metrics/revenue', { query: { from: monthOf(date!, -11), to: monthOf(date!) } }),
  });
}

export function useCsMetrics(date: string | undefined) {
  return useQuery({
    queryKey: ['cs', date],
    enabled: date !== undefined,
    queryFn: () =>
      api<TCsMetrics>('/v1/metrics/cs', { query: { from: monthOf(date!, -5), to: monthOf(date!) } }),
  });
}

export function usePortfolio(query: { band?: string; limit: number; offset?: number }) {
  return useQuery({
    queryKey: ['health', query],
    queryFn: () => api<TPortfolio>('/v1/health', { query }),
  });
}

/** Each segment's members and MRR today (the segment list's money column). */
export function useSegmentMrr() {
  return useQuery({ queryKey: ['segment-mrr'], queryFn: () => api<TSegmentMrr>('/v1/segment-mrr') });
}

/** The workspace's reporting currency and time zone (every signed-in role may read them). */
export function useWorkspace() {
  return useQuery({ queryKey: ['workspace'], queryFn: () => api<TWorkspace>('/v1/workspace') });
}

/** NPS and CSAT per month over the 12 months up to the month of `date`. */
export function useCsTrend(date: string | undefined) {
  return useQuery({
    queryKey: ['cs-trend', date],
    enabled: date !== undefined,
    queryFn: () =>
      api<TCsTrend>('/v1/metrics/cs', { query: { from: monthOf(date!, -11), to: monthOf(date!) } }),
  });
}

/** Feedback themes of the `days` days up to `date`, with the fix-first list. */
export function useFeedbackThemes(date: string | undefined, days: number) {
  return useQuery({
    queryKey: ['feedback-themes', date, days],
    enabled: date !== undefined,
    queryFn: () => {
      const from = new Date(Date.parse(`${date!}T00:00:00Z`) - (days - 1) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      return api<TFeedbackThemes>('/v1/feedback/themes', { query: { from, to: date, limit: 30 } });
    },
  });
}

/** Today in the workspace's time zone, `YYYY-MM-DD`: what "overdue" and "due today" count against. */
export function useWorkspaceToday(): string | undefined {
  const timezone = useWorkspace().data?.timezone;
  if (!timezone) return undefined;
  // en-CA formats a date as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date());
}

// ── health: scorecard editor (issue 5) ──
/** The latest version of every scorecard, the default first. */
export function useScorecards() {
  return useQuery({
    queryKey: ['scorecards'],
    queryFn: () => api<{ scorecards: TScorecard[] }>('/v1/health/scorecards'),
  });
}

/** One scorecard's latest version, with the list of its versions. */
export function useScorecard(id: string | undefined) {
  return useQuery({
    queryKey: ['scorecard', id],
    enabled: id !== undefined,
    queryFn: () => api<TScorecard>(`/v1/health/scorecards/${encodeURIComponent(id!)}`),
  });
}

/** The metrics a measure can use (GET /v1/health/measures); it never changes while the page is open. */
export function useMeasureCatalog() {
  return useQuery({
    queryKey: ['measure-catalog'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () => api<TMeasureCatalog>('/v1/health/measures'),
  });
}

/**
 * The preview of a draft (POST /v1/health/scorecards/preview). `body` is the debounced draft; the last
 * answer stays on screen while the next one is computed, so the numbers change instead of flashing.
 */
export function useScorecardPreview(body: unknown, enabled: boolean) {
  return useQuery({
    queryKey: ['scorecard-preview', body],
    enabled,
    retry: false,
    placeholderData: keepPreviousData,
    queryFn: () => api<TScorecardPreview>('/v1/health/scorecards/preview', { method: 'POST', body }),
  });
}

/** The workspace with its metric options and whether it holds data (Settings; same query as useWorkspace). */
export function useWorkspaceDetails() {
  return useQuery({ queryKey: ['workspace'], queryFn: () => api<TWorkspaceDetails>('/v1/workspace') });
}

/** Currencies in use and the months without a rate of their own (Settings, FX). */
export function useFxCoverage() {
  return useQuery({ queryKey: ['fx-coverage'], queryFn: () => api<TFxCoverage>('/v1/fx-rates/coverage') });
}

/** One page of FX rates, newest first, of one currency or all. */
export function useFxRates(query: { currency?: string; limit: number; offset: number }) {
  return useQuery({
    queryKey: ['fx-rates', query],
    queryFn: () => api<TFxRatePage>('/v1/fx-rates', { query }),
    placeholderData: (previous) => previous,
  });
}

/** An account's notes, pinned first then newest; `limit` grows as the reader asks for more. */
export function useAccountNotes(accountId: string, limit: number) {
  return useQuery({
    queryKey: ['account-notes', accountId, limit],
    queryFn: () =>
      api<TNotePage>(`/v1/accounts/${encodeURIComponent(accountId)}/notes`, { query: { limit } }),
    placeholderData: (previous) => previous,
  });
}

/** Each segment's members per health band today (the health page's "health by segment"). */
export function useHealthBySegment() {
  return useQuery({
    queryKey: ['health', 'segments'],
    queryFn: () => api<THealthBySegment>('/v1/health/segments'),
  });
}
