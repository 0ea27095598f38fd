import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORECARD } from '../src/modules/health/default-scorecard.ts';
import { MEASURE_CATALOG } from '../src/modules/health/measure-catalog.ts';
import { healthEn } from '../web/src/i18n-health.ts';

type TLabels = {
  scorecard: (name: string) => string;
  measure: (measure: { key: string; metric?: string; label: string }) => string;
  group: (key: string | null | undefined, label?: string) => string;
};
type TTranslate = (key: string) => string;

// Loaded at run time like the browser tests do: a static import would put the dashboard's React types into
// the Node type-check of the test tree.
const LABELS = '../web/src/components/health-labels.ts';
const I18N = '../web/src/i18n.ts';
const { healthLabels } = (await import(LABELS)) as { healthLabels: (t: TTranslate) => TLabels };
const { translator } = (await import(I18N)) as { translator: (locale: 'en' | 'es') => TTranslate };
const es = healthLabels(translator('es'));
const en = healthLabels(translator('en'));
const dictionary = healthEn as Record<string, string>;

describe('the dashboard recognises our own scorecard texts', () => {
  it('has every catalog label in English as the API sends it', () => {
    for (const [metric, entry] of Object.entries(MEASURE_CATALOG))
      expect(dictionary[`scorecards.metric.${metric}`], metric).toBe(entry.label);
  });

  it("has the default scorecard's name, group labels and measure labels in English as stored", () => {
    expect(dictionary['scorecards.defaultName']).toBe(DEFAULT_SCORECARD.name);
    for (const group of DEFAULT_SCORECARD.groups ?? [])
      expect(dictionary[`scorecards.group.${group.key}`], group.key).toBe(group.label);
    for (const m of DEFAULT_SCORECARD.measures) {
      const catalogLabel = (MEASURE_CATALOG as Record<string, { label: string }>)[m.metric]?.label;
      if (m.label !== catalogLabel)
        expect(dictionary[`scorecards.defaultMeasure.${m.key}`], m.key).toBe(m.label);
    }
  });

  it('shows every text of the default scorecard in Spanish, none left in English', () => {
    expect(es.scorecard(DEFAULT_SCORECARD.name)).toBe('Salud predeterminada');
    for (const group of DEFAULT_SCORECARD.groups ?? [])
      expect(es.group(group.key, group.label), group.key).not.toBe(group.label);
    for (const m of DEFAULT_SCORECARD.measures) {
      expect(es.measure(m), m.key).not.toBe(m.label);
      expect(en.measure(m), m.key).toBe(m.label);
    }
    expect(
      es.measure({ key: 'recency', metric: 'days_since_last_activity', label: 'Days since last activity' }),
    ).toBe('Días desde la última actividad');
    expect(es.group('voice', 'Customer voice')).toBe('Voz del cliente');
  });

  it("keeps a user's own texts as typed, and names a group without a label by its key", () => {
    expect(es.scorecard('Enterprise health')).toBe('Enterprise health');
    expect(es.measure({ key: 'recency', metric: 'days_since_last_activity', label: 'Días sin uso' })).toBe(
      'Días sin uso',
    );
    expect(es.measure({ key: 'logins', metric: 'event_count:login:30', label: 'Logins (30 days)' })).toBe(
      'Logins (30 days)',
    );
    expect(es.group('usage', 'Adoption signals')).toBe('Adoption signals');
    expect(es.group('usage', undefined)).toBe('Uso del producto');
    expect(es.group('expansion', undefined)).toBe('expansion');
    expect(es.group(null)).toBe('—');
  });
});
