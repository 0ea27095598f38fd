import type { TMonthlyFigures } from './duckdb-movements.ts';

const KEYS = ['mrr_end', 'new', 'expansion', 'contraction', 'churn', 'reactivation'] as const;

/** Every monthly figure that differs by a cent or more between an engine and the DuckDB reference. */
export function compareFigures(
  engine: string,
  actual: TMonthlyFigures[],
  expected: TMonthlyFigures[],
): string[] {
  const differences: string[] = [];
  const byPeriod = new Map(actual.map((p) => [p.period, p]));
  for (const reference of expected) {
    const row = byPeriod.get(reference.period);
    if (!row) {
      differences.push(`${engine} ${reference.period}: missing`);
      continue;
    }
    for (const key of KEYS) {
      if (Math.round(row[key] * 100) !== Math.round(reference[key] * 100))
        differences.push(`${engine} ${reference.period} ${key}: ${row[key]} ≠ duckdb ${reference[key]}`);
    }
  }
  if (actual.length !== expected.length)
    differences.push(`${engine}: ${actual.length} periods ≠ duckdb ${expected.length}`);
  return differences;
}
