/**
 * Page speed (issue 5: "the data for any page under 300 ms on a 100,000-account workspace on PostgreSQL"):
 * for each dashboard page, the /v1 requests it makes on load, as web/src makes them: the requests that need
 * nothing are sent at once, then those that wait for an answer (a page counting its months back from
 * /v1/mrr's date). A load is timed from the first request to the last response. Per page: one cold load,
 * after `clearStoredReports` emptied the stored reports, then the median of `runs` loads.
 */
export type TPageRequests = {
  page: string;
  /** Sent at once when the page opens. */
  paths: string[];
  /** Sent at once after every answer of `paths` has arrived (requests that need one of them). */
  after?: string[];
};
export type TPageTiming = {
  page: string;
  requests: number;
  /** The first load with no stored report (src/modules/cache): what the first visit after a change waits. */
  coldMs: number;
  /** Later loads: stored reports are read, as they are once the background refresh has run. */
  medianMs: number;
  maxMs: number;
};

/** The requests of every page, as web/src makes them, for one account and one day of the seeded workspace. */
export function pageRequests({
  accountId,
  date,
  segmentIds,
}: {
  accountId: string;
  /** `YYYY-MM-DD`: the data's last day (what /v1/mrr answers as `date`). */
  date: string;
  /** The workspace's segments (the first one's members are a page). */
  segmentIds: string[];
}): TPageRequests[] {
  const month = date.slice(0, 7);
  const monthOffset = (delta: number) => {
    const [year, monthNumber] = month.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(year, monthNumber - 1 + delta, 1)).toISOString().slice(0, 7);
  };
  const daysBefore = (days: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  const revenue = `/v1/metrics/revenue?from=${monthOffset(-11)}&to=${month}`;
  const account = `/v1/accounts/${encodeURIComponent(accountId)}`;
  const accountsList = (query: string) => [
    '/v1/mrr',
    '/v1/segments',
    `/v1/accounts?${query}&limit=25&offset=0`,
  ];
  // usePeriod: the last `days` days up to today; `to` is exclusive in the API.
  const period = (days: number) => `from=${daysBefore(days - 1)}&to=${daysBefore(-1)}`;
  const pages: TPageRequests[] = [
    {
      page: 'overview',
      paths: ['/v1/mrr', '/v1/health?limit=8'],
      after: [revenue, `/v1/metrics/cs?from=${monthOffset(-5)}&to=${month}`],
    },
    {
      page: 'revenue',
      paths: ['/v1/mrr'],
      after: [
        revenue,
        `/v1/metrics/cohorts?from=${monthOffset(-11)}&to=${month}`,
        `/v1/metrics/renewals?from=${monthOffset(-11)}&to=${month}`,
      ],
    },
    {
      page: 'revenue, a month’s churn',
      paths: ['/v1/mrr', `/v1/metrics/movements?from=${month}-01&to=${lastDay(month)}&type=churn`],
      after: [revenue],
    },
    { page: 'accounts', paths: accountsList('sort=name') },
    { page: 'accounts, by MRR', paths: accountsList('sort=-mrr') },
    { page: 'accounts, search', paths: accountsList('q=Account%2042&sort=name') },
    {
      page: 'account 360',
      paths: [
        account,
        `/v1/health/accounts/${encodeURIComponent(accountId)}`,
        `${account}/summary`,
        `${account}/billing`,
        `${account}/feedback`,
        `${account}/timeline?limit=50`,
        `${account}/tasks?status=open%2Cin_progress&limit=100`,
        `${account}/enrollments`,
      ],
      after: [`${account}/usage/daily?from=${daysBefore(89)}&to=${date}`],
    },
    {
      page: 'health',
      paths: [
        '/v1/health?limit=50&offset=0',
        '/v1/health?sort=-delta_7d&limit=5',
        '/v1/health?sort=delta_7d&limit=5',
        '/v1/health/segments',
      ],
    },
    { page: 'health, scorecards', paths: ['/v1/health/scorecards', '/v1/segments', '/v1/health/measures'] },
    { page: 'segments', paths: ['/v1/segments', '/v1/segment-mrr'] },
    { page: 'tasks', paths: ['/v1/tasks/queues', '/v1/tasks?status=open%2Cin_progress&limit=200'] },
    { page: 'playbooks', paths: ['/v1/playbooks', '/v1/playbook-templates?language=en'] },
    {
      page: 'billing recovery',
      paths: [`/v1/dunning/metrics?${period(90)}`, '/v1/dunning/cases?limit=50', '/v1/dunning/policies'],
    },
    {
      page: 'retention',
      paths: [
        `/v1/churn-reasons/report?${period(365)}`,
        `/v1/playbooks/win-back?${period(365)}`,
        '/v1/pricing/annual-candidates?discount=15',
        '/v1/pricing/grandfathered',
      ],
    },
    {
      page: 'feedback',
      paths: ['/v1/mrr'],
      after: [
        `/v1/metrics/cs?from=${monthOffset(-11)}&to=${month}`,
        `/v1/feedback/themes?from=${daysBefore(89)}&to=${date}&limit=30`,
      ],
    },
    {
      page: 'settings',
      paths: [
        '/v1/workspace',
        '/v1/fx-rates/coverage',
        '/v1/fx-rates?limit=20&offset=0',
        '/v1/users',
        '/v1/api-keys',
        '/v1/email-settings',
        '/v1/webhooks',
        '/v1/stripe',
        '/v1/payment-provider',
      ],
    },
  ];
  for (const id of segmentIds.slice(0, 1)) {
    pages.push({
      page: 'segment members',
      paths: [
        '/v1/segments',
        '/v1/segment-mrr',
        `/v1/segments/${encodeURIComponent(id)}/members?limit=25&offset=0`,
      ],
    });
  }
  return pages;
}

/** The last day of a `YYYY-MM` month. */
function lastDay(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
}

async function fetchAll(baseUrl: string, key: string, paths: string[]): Promise<void> {
  await Promise.all(
    paths.map(async (p) => {
      const response = await fetch(`${baseUrl}${p}`, { headers: { authorization: `Bearer ${key}` } });
      const body = await response.text();
      if (!response.ok) throw new Error(`${p}: ${response.status} ${body.slice(0, 300)}`);
    }),
  );
}

async function loadPage(baseUrl: string, key: string, page: TPageRequests): Promise<number> {
  const started = performance.now();
  await fetchAll(baseUrl, key, page.paths);
  if (page.after) await fetchAll(baseUrl, key, page.after);
  return performance.now() - started;
}

export async function benchPages({
  baseUrl,
  key,
  pages,
  runs = 5,
  only,
  clearStoredReports,
}: {
  baseUrl: string;
  key: string;
  pages: TPageRequests[];
  runs?: number;
  /** Time only the pages whose name contains one of these. */
  only?: string[];
  /** Empties the workspace's stored reports (result_cache) before a page's cold load. */
  clearStoredReports: () => Promise<void>;
}): Promise<TPageTiming[]> {
  const timings: TPageTiming[] = [];
  for (const page of pages) {
    if (only && only.length > 0 && !only.some((name) => page.page.includes(name))) continue;
    await clearStoredReports();
    const coldMs = await loadPage(baseUrl, key, page);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) times.push(await loadPage(baseUrl, key, page));
    times.sort((a, b) => a - b);
    timings.push({
      page: page.page,
      requests: page.paths.length + (page.after?.length ?? 0),
      coldMs,
      medianMs: times[Math.floor(times.length / 2)] as number,
      maxMs: times[times.length - 1] as number,
    });
  }
  return timings;
}
