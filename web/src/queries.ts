import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';
import { monthOf } from './months.ts';
import type {
  TCsMetrics,
  TCsTrend,
  TFeedbackThemes,
  TMrr,
  TPortfolio,
  TRevenue,
  TSegmentMrr,
  TWorkspace,
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
