import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';
import { monthOf } from './months.ts';
import type { TCsMetrics, TMrr, TPortfolio, TRevenue } from './types.ts';

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
