import { describe, expect, it } from 'vitest';
import { computeAuc } from './compute-auc.ts';
import { scoreAccount } from './score-account.ts';
import { scoreRule } from './score-rule.ts';
import { type TScorecardDefinitionInput, ZScorecardDefinition } from './scorecard-schema.ts';

const card = (input: TScorecardDefinitionInput) => ZScorecardDefinition.parse(input);
const rule = (input: unknown) =>
  card({ name: 'r', measures: [{ key: 'm', label: 'M', metric: 'mrr', weight: 1, rule: input as never }] })
    .measures[0]!.rule;

describe('scoring rules', () => {
  it('thresholds: first range with min ≤ value < max; no range → no score', () => {
    const r = rule({
      type: 'thresholds',
      thresholds: [
        { max: 0, score: 0 },
        { min: 0, max: 10, score: 50 },
        { min: 10, score: 100 },
      ],
    });
    expect(scoreRule(r, -3)).toBe(0);
    expect(scoreRule(r, 0)).toBe(50);
    expect(scoreRule(r, 9.99)).toBe(50);
    expect(scoreRule(r, 10)).toBe(100);
    expect(scoreRule(r, null)).toBeNull();
    const gap = rule({ type: 'thresholds', thresholds: [{ min: 1, max: 2, score: 70 }] });
    expect(scoreRule(gap, 5)).toBeNull();
  });

  it('linear: worst → 0, best → 100, clamped beyond; higher or lower is better', () => {
    const up = rule({ type: 'linear', worst: 10, best: 30 });
    expect(scoreRule(up, 10)).toBe(0);
    expect(scoreRule(up, 15)).toBe(25);
    expect(scoreRule(up, 30)).toBe(100);
    expect(scoreRule(up, 50)).toBe(100);
    expect(scoreRule(up, 0)).toBe(0);
    const down = rule({ type: 'linear', worst: 60, best: 0 }); // days overdue
    expect(scoreRule(down, 0)).toBe(100);
    expect(scoreRule(down, 15)).toBe(75);
    expect(scoreRule(down, 90)).toBe(0);
  });

  it('linear_bounded: worst → floor, best → ceiling, clamped to floor..ceiling', () => {
    const r = rule({ type: 'linear_bounded', worst: 0, best: 10, floor: 40, ceiling: 80 });
    expect(scoreRule(r, 0)).toBe(40);
    expect(scoreRule(r, 5)).toBe(60);
    expect(scoreRule(r, 10)).toBe(80);
    expect(scoreRule(r, -100)).toBe(40);
    expect(scoreRule(r, 100)).toBe(80);
    const defaults = rule({ type: 'linear_bounded', worst: 4, best: 0 });
    expect(scoreRule(defaults, 1)).toBe(75);
    expect(scoreRule(defaults, 8)).toBe(0);
  });
});

describe('scoreAccount', () => {
  const definition = card({
    name: 'Test',
    measures: [
      {
        key: 'usage',
        label: 'Usage',
        metric: 'events_30d',
        weight: 2,
        rule: { type: 'linear', worst: 0, best: 100 },
      },
      {
        key: 'nps',
        label: 'NPS',
        metric: 'nps_latest',
        weight: 1,
        rule: { type: 'linear', worst: 0, best: 10 },
      },
      {
        key: 'overdue',
        label: 'Overdue',
        metric: 'days_overdue',
        weight: 1,
        rule: {
          type: 'thresholds',
          thresholds: [
            { max: 1, score: 100 },
            { min: 1, score: 0 },
          ],
        },
      },
    ],
  });

  it('is the weighted mean of the measure scores, banded', () => {
    // usage 80 × 0.5 + nps 60 × 0.25 + overdue 100 × 0.25 = 40 + 15 + 25 = 80 → green
    const result = scoreAccount(definition, { events_30d: 80, nps_latest: 6, days_overdue: 0 })!;
    expect(result.score).toBe(80);
    expect(result.band).toBe('green');
    expect(result.measures.map((m) => [m.key, m.score, m.effective_weight, m.contribution])).toEqual([
      ['usage', 80, 0.5, 40],
      ['nps', 60, 0.25, 15],
      ['overdue', 100, 0.25, 25],
    ]);
    expect(result.missing).toEqual([]);
    expect(result.redistributed).toBe(false);
    expect(result.note).toBeUndefined();
  });

  it('shares the weight of measures without data among the others, and says so', () => {
    // usage 30 × 2/3 + overdue 0 × 1/3 = 20 → red
    const result = scoreAccount(definition, { events_30d: 30, nps_latest: null, days_overdue: 5 })!;
    expect(result.score).toBe(20);
    expect(result.band).toBe('red');
    const nps = result.measures.find((m) => m.key === 'nps')!;
    expect(nps).toMatchObject({
      value: null,
      score: null,
      effective_weight: 0,
      contribution: 0,
      has_data: false,
    });
    expect(result.measures.map((m) => m.effective_weight)).toEqual([0.666667, 0, 0.333333]);
    expect(result.missing).toEqual(['nps']);
    expect(result.redistributed).toBe(true);
    expect(result.note).toBe('1 of 3 measures had no data (nps); their weight was shared by the others');
  });

  it('returns null when no measure has data', () => {
    expect(scoreAccount(definition, {})).toBeNull();
  });

  it('uses configured bands: red below, green from', () => {
    const banded = { ...definition, bands: { red_below: 50, green_from: 90 } };
    expect(scoreAccount(banded, { events_30d: 49.9 })!.band).toBe('red');
    expect(scoreAccount(banded, { events_30d: 50 })!.band).toBe('yellow');
    expect(scoreAccount(banded, { events_30d: 90 })!.band).toBe('green');
  });

  it('splits a group weight among its measures; a group without data gives its weight to the rest', () => {
    const grouped = card({
      name: 'Grouped',
      groups: [
        { key: 'product', label: 'Product', weight: 3 },
        { key: 'voice', label: 'Voice', weight: 1 },
      ],
      measures: [
        {
          key: 'a',
          label: 'A',
          metric: 'events_30d',
          group: 'product',
          weight: 1,
          rule: { type: 'linear', worst: 0, best: 100 },
        },
        {
          key: 'b',
          label: 'B',
          metric: 'active_users_30d',
          group: 'product',
          weight: 3,
          rule: { type: 'linear', worst: 0, best: 10 },
        },
        {
          key: 'c',
          label: 'C',
          metric: 'nps_latest',
          group: 'voice',
          weight: 5,
          rule: { type: 'linear', worst: 0, best: 10 },
        },
        { key: 'd', label: 'D', metric: 'mrr', weight: 1, rule: { type: 'linear', worst: 0, best: 1000 } },
      ],
    });
    // product 3/5 (a 3/20, b 9/20), voice 1/5, d 1/5: a 100, b 50, c 0, d 50
    // = 15 + 22.5 + 0 + 10 = 47.5
    const all = scoreAccount(grouped, { events_30d: 100, active_users_30d: 5, nps_latest: 0, mrr: 500 })!;
    expect(all.measures.map((m) => m.effective_weight)).toEqual([0.15, 0.45, 0.2, 0.2]);
    expect(all.score).toBe(47.5);
    // Without b: a takes all of product. Without voice: product 3/4, d 1/4 → a 100 × 0.75 + d 50 × 0.25 = 87.5
    const partial = scoreAccount(grouped, { events_30d: 100, mrr: 500 })!;
    expect(partial.measures.map((m) => m.effective_weight)).toEqual([0.75, 0, 0, 0.25]);
    expect(partial.score).toBe(87.5);
    expect(partial.missing).toEqual(['b', 'c']);
  });

  it('contributions add up to the score exactly after rounding', () => {
    const thirds = card({
      name: 'Thirds',
      measures: ['events_30d', 'nps_latest', 'mrr'].map((metric, i) => ({
        key: `m${i}`,
        label: metric,
        metric,
        weight: 1,
        rule: { type: 'linear' as const, worst: 0, best: 3 },
      })),
    });
    for (const values of [
      { events_30d: 1, nps_latest: 1, mrr: 1 },
      { events_30d: 0.1, nps_latest: 2.2, mrr: 1.7 },
      { events_30d: 2.9, nps_latest: 0.05, mrr: null },
    ]) {
      const result = scoreAccount(thirds, values)!;
      const sum = result.measures.reduce((s, m) => s + m.contribution * 10, 0) / 10;
      expect(Math.round(sum * 10)).toBe(Math.round(result.score * 10));
    }
    // 33.333… each: the total is 100.0 and the contributions 33.4 + 33.3 + 33.3
    const even = scoreAccount(thirds, { events_30d: 3, nps_latest: 3, mrr: 3 })!;
    expect(even.score).toBe(100);
    expect(even.measures.map((m) => m.contribution).sort()).toEqual([33.3, 33.3, 33.4]);
  });
});

describe('ZScorecardDefinition', () => {
  const measure = {
    key: 'm',
    label: 'M',
    metric: 'mrr',
    weight: 1,
    rule: { type: 'linear', worst: 0, best: 1 },
  };
  const pathsOf = (input: unknown) => {
    const result = ZScorecardDefinition.safeParse(input);
    expect(result.success).toBe(false);
    return result.error!.issues.map((i) => i.path.join('.'));
  };

  it('names the path of every error', () => {
    expect(pathsOf({ name: 'x', measures: [measure, { ...measure }] })).toEqual(['measures.1.key']);
    expect(pathsOf({ name: 'x', measures: [{ ...measure, metric: 'nope' }] })).toEqual(['measures.0.metric']);
    expect(pathsOf({ name: 'x', measures: [{ ...measure, weight: 0 }] })).toEqual(['measures.0.weight']);
    expect(pathsOf({ name: 'x', measures: [{ ...measure, group: 'g' }] })).toEqual(['measures.0.group']);
    expect(
      pathsOf({
        name: 'x',
        measures: [{ ...measure, rule: { type: 'thresholds', thresholds: [{ min: 5, max: 1, score: 10 }] } }],
      }),
    ).toEqual(['measures.0.rule.thresholds.0.max']);
    expect(
      pathsOf({
        name: 'x',
        measures: [
          { ...measure, rule: { type: 'linear_bounded', worst: 0, best: 1, floor: 90, ceiling: 10 } },
        ],
      }),
    ).toEqual(['measures.0.rule.ceiling']);
    expect(pathsOf({ name: 'x', bands: { red_below: 80, green_from: 60 }, measures: [measure] })).toEqual([
      'bands.green_from',
    ]);
    expect(
      pathsOf({ name: 'x', groups: [{ key: 'empty', label: 'E', weight: 1 }], measures: [measure] }),
    ).toEqual(['groups.0.key']);
  });

  it('accepts catalog, attribute and event_count metrics and fills defaults', () => {
    const parsed = ZScorecardDefinition.parse({
      name: 'x',
      bands: {},
      measures: [
        { ...measure, key: 'a', metric: 'attribute:seats' },
        {
          ...measure,
          key: 'b',
          metric: 'event_count:referral_made:180',
          rule: { type: 'linear_bounded', worst: 0, best: 2 },
        },
      ],
    });
    expect(parsed.bands).toEqual({ red_below: 40, green_from: 70 });
    expect(parsed.measures[1]!.rule).toEqual({
      type: 'linear_bounded',
      worst: 0,
      best: 2,
      floor: 0,
      ceiling: 100,
    });
  });
});

describe('computeAuc', () => {
  it('is the share of churner–stayer pairs where the churner scored lower, ties ½', () => {
    const obs = (scores: number[], churned: boolean) => scores.map((score) => ({ score, churned }));
    // churners [20, 50], stayers [40, 60, 80]: (1+1+1 + 0+1+1) / 6
    expect(computeAuc([...obs([20, 50], true), ...obs([40, 60, 80], false)])).toBeCloseTo(5 / 6, 12);
    // a tie: churner 40 vs stayers 40, 60 → (½ + 1) / 2
    expect(computeAuc([...obs([40], true), ...obs([40, 60], false)])).toBe(0.75);
    expect(computeAuc([...obs([90], true), ...obs([10], false)])).toBe(0);
    expect(computeAuc(obs([1, 2], false))).toBeNull();
  });
});
