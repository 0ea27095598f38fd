/**
 * Page speed (issue 5: "the data for any page under 300 ms on a 100,000-account workspace on PostgreSQL"):
 * for each dashboard page, the /v1 requests it makes on load, sent at once as the browser sends them, timed
 * from the first request to the last response. The median of `runs` loads per page, after one warm-up load.
 */
export type TPageRequests = { page: string; paths: string[] };
export type TPageTiming = { page: string; requests: number; medianMs: number; maxMs: number };

/** The requests of every page, as web/src makes them, for one account and one month of the seeded workspace. */
export function pageRequests({
  accountId,
  month,
  segmentId,
}: {
  accountId: string;
  /** `YYYY-MM` of the data's last month. */
  month: string;
  segmentId?: string;
}): TPageRequests[] {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const monthOffset = (delta: number) => {
    const d = new Date(Date.UTC(year, monthNumber - 1 + delta, 1));
    return d.toISOString().slice(0, 7);
  };
  const revenue = `/v1/metrics/revenue?from=${monthOffset(-11)}&to=${month}`;
  const account = encodeURIComponent(accountId);
  const pages: TPageRequests[] = [
    {
      page: 'overview',
      paths: [
        '/v1/mrr',
        revenue,
        `/v1/metrics/cs?from=${monthOffset(-5)}&to=${month}`,
        '/v1/health?limit=10',
      ],
    },
    {
      page: 'revenue (a month’s churn)',
      paths: ['/v1/mrr', revenue, `/v1/metrics/movements?from=${month}-01&to=${lastDay(month)}&type=churn`],
    },
    { page: 'accounts (sorted by MRR)', paths: ['/v1/accounts?sort=-mrr&limit=50&offset=0'] },
    { page: 'accounts (search)', paths: ['/v1/accounts?q=Account%2042&sort=-mrr&limit=50&offset=0'] },
    { page: 'account', paths: [`/v1/accounts/${account}`, `/v1/health/accounts/${account}`] },
    { page: 'health', paths: ['/v1/health?limit=50'] },
  ];
  if (segmentId) {
    pages.push({
      page: 'segment members',
      paths: ['/v1/segments', `/v1/segments/${encodeURIComponent(segmentId)}/members?limit=50`],
    });
  }
  return pages;
}

/** The last day of a `YYYY-MM` month. */
function lastDay(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
}

async function loadPage(baseUrl: string, key: string, paths: string[]): Promise<number> {
  const started = performance.now();
  await Promise.all(
    paths.map(async (p) => {
      const response = await fetch(`${baseUrl}${p}`, { headers: { authorization: `Bearer ${key}` } });
      const body = await response.text();
      if (!response.ok) throw new Error(`${p}: ${response.status} ${body.slice(0, 300)}`);
    }),
  );
  return performance.now() - started;
}

export async function benchPages({
  baseUrl,
  key,
  pages,
  runs = 5,
}: {
  baseUrl: string;
  key: string;
  pages: TPageRequests[];
  runs?: number;
}): Promise<TPageTiming[]> {
  const timings: TPageTiming[] = [];
  for (const { page, paths } of pages) {
    await loadPage(baseUrl, key, paths);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) times.push(await loadPage(baseUrl, key, paths));
    times.sort((a, b) => a - b);
    timings.push({
      page,
      requests: paths.length,
      medianMs: times[Math.floor(times.length / 2)] as number,
      maxMs: times[times.length - 1] as number,
    });
  }
  return timings;
}
