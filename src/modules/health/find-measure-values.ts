import { type RawBuilder, sql } from 'kysely';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { parseDay } from '../revenue/sql-periods.ts';
import { findUsageSummaries } from '../usage/find-usage-summaries.ts';
import { getWorkspace } from '../workspaces/get-workspace.ts';
import { MEASURE_CATALOG, parseMetric, type TCatalogMetric } from './measure-catalog.ts';
import { sqlBillingMeasures } from './sql-billing-measures.ts';
import { sqlAttributeMeasures, sqlEventCountMeasures } from './sql-custom-measures.ts';
import { sqlEngagementMeasures } from './sql-engagement-measures.ts';
import { measureScopeCtes, type TMeasureScope } from './sql-measure-scope.ts';
import { sqlRevenueMeasures } from './sql-revenue-measures.ts';
import { sqlSupportMeasures } from './sql-support-measures.ts';
import { sqlSurveyMeasures } from './sql-survey-measures.ts';

export type TMeasureValues = Map<string, Record<string, number | null>>;

/** Usage metric keys of the catalog → fields of the usage summaries. */
const USAGE_FIELDS = {
  active_users_30d: 'active_users_30d',
  active_users_7d: 'active_users_7d',
  events_30d: 'events_30d',
  usage_trend_30d: 'trend_30d',
  days_since_last_activity: 'days_since_last_activity',
  adoption_breadth: 'adoption_breadth',
  seat_utilisation: 'seat_utilisation',
} as const;

type TSqlSource = Exclude<(typeof MEASURE_CATALOG)[TCatalogMetric]['source'], 'usage'>;

const SQL_SOURCES: Partial<
  Record<TSqlSource, (scope: TMeasureScope) => RawBuilder<Record<string, unknown>>>
> = {
  support: sqlSupportMeasures,
  surveys: sqlSurveyMeasures,
  billing: sqlBillingMeasures,
  revenue: sqlRevenueMeasures,
  engagement: sqlEngagementMeasures,
};

/** Counts are 0, not "no data", for an account that exists but has no such rows. */
const ZERO_WHEN_NONE: ReadonlySet<string> = new Set([
  'open_tickets',
  'tickets_90d',
  'unresolved_complaints',
  'failed_payments_90d',
]);

/**
 * The values of `metrics` (keys of measure-catalog.ts) for every account that existed at the end of local
 * day `at` (or the given ones), using only data known by then, so that a score replayed for a past day is
 * the score that day would have had. One set-based query per source (usage, support, surveys, billing,
 * revenue, engagement, relationship events, attributes), each run only when one of its metrics is asked for.
 */
export async function findMeasureValues({
  db,
  workspaceId,
  at,
  accountIds,
  metrics,
}: {
  db: TDb;
  workspaceId: string;
  at: string;
  accountIds?: readonly string[];
  metrics: readonly string[];
}): Promise<TMeasureValues> {
  const workspace = await getWorkspace({ db, workspaceId });
  const scope: TMeasureScope = {
    workspaceId,
    at: parseDay(at, 'end', 'at'),
    timezone: workspace.timezone,
    accountIds,
  };
  const wanted = [...new Set(metrics)];
  const parsed = wanted.map((metric) => {
    const meaning = parseMetric(metric);
    if (!meaning) throw new AppError('invalid_input', `unknown health metric "${metric}"`);
    return { metric, meaning };
  });

  const { rows: scoped } = await sql<{
    id: string;
  }>`with ${measureScopeCtes(scope)} select id from scope`.execute(db);
  const values: TMeasureValues = new Map();
  for (const { id } of scoped) {
    const record: Record<string, number | null> = {};
    for (const metric of wanted) record[metric] = ZERO_WHEN_NONE.has(metric) ? 0 : null;
    values.set(id, record);
  }
  if (values.size === 0 || wanted.length === 0) return values;
  const put = (accountId: string, metric: string, value: unknown) => {
    const record = values.get(accountId);
    if (record) record[metric] = value === null || value === undefined ? null : Number(value);
  };

  // The sources are independent queries: on a server they run at once on the pool's connections (the
  // usage aggregate alone is a third of a 100,000-account recompute); on PGlite they simply queue.
  const tasks: Promise<void>[] = [];
  const catalog = parsed.flatMap((p) => (p.meaning.kind === 'catalog' ? [p.meaning.key] : []));
  const usage = catalog.filter((key): key is keyof typeof USAGE_FIELDS => key in USAGE_FIELDS);
  if (usage.length > 0) {
    tasks.push(
      findUsageSummaries({ db, workspaceId, at: scope.at, accountIds }).then((summaries) => {
        for (const [accountId, summary] of summaries) {
          for (const key of usage) put(accountId, key, summary[USAGE_FIELDS[key]]);
        }
      }),
    );
  }

  const sources = new Set(catalog.map((key) => MEASURE_CATALOG[key].source));
  for (const [source, query] of Object.entries(SQL_SOURCES)) {
    if (!sources.has(source as TSqlSource)) continue;
    const wantedHere = catalog.filter((key) => MEASURE_CATALOG[key].source === source);
    tasks.push(
      query(scope)
        .execute(db)
        .then(({ rows }) => {
          for (const row of rows) for (const key of wantedHere) put(row.account_id as string, key, row[key]);
        }),
    );
  }

  const counts = parsed.flatMap((p) =>
    p.meaning.kind === 'event_count' ? [{ metric: p.metric, ...p.meaning }] : [],
  );
  if (counts.length > 0) {
    for (const record of values.values()) for (const c of counts) record[c.metric] = 0;
    tasks.push(
      sqlEventCountMeasures(scope, counts)
        .execute(db)
        .then(({ rows }) => {
          for (const row of rows)
            counts.forEach((c, i) => {
              put(row.account_id as string, c.metric, row[`c${i}`]);
            });
        }),
    );
  }

  const attributes = parsed.flatMap((p) =>
    p.meaning.kind === 'attribute' ? [{ metric: p.metric, ...p.meaning }] : [],
  );
  if (attributes.length > 0) {
    tasks.push(
      sqlAttributeMeasures(
        scope,
        attributes.map((a) => a.name),
      )
        .execute(db)
        .then(({ rows }) => {
          for (const row of rows)
            attributes.forEach((a, i) => {
              put(row.account_id as string, a.metric, row[`c${i}`]);
            });
        }),
    );
  }
  // Settle every query before failing, so none is still running on a transaction being rolled back.
  const failed = (await Promise.allSettled(tasks)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return values;
}
