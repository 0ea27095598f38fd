import { describe, expect, it } from 'vitest';

type TFormat = { dateTime: (iso: string) => string; relativeTime: (iso: string, now?: number) => string };

// Loaded at run time like the browser tests do: a static import would put the dashboard's React types into
// the Node type-check of the test tree.
const FORMAT = '../web/src/format.ts';
const { createFormat } = (await import(FORMAT)) as { createFormat: (locale: 'en' | 'es') => TFormat };

const NOW = Date.parse('2026-10-20T15:00:00Z');
const secondsAgo = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe('times of day in the reader’s language (web/src/format.ts)', () => {
  it('says how long ago within a week, in English and Spanish', () => {
    const en = createFormat('en');
    const es = createFormat('es');
    expect(en.relativeTime(secondsAgo(20), NOW)).toBe('now');
    expect(es.relativeTime(secondsAgo(20), NOW)).toBe('ahora');
    expect(en.relativeTime(secondsAgo(5 * 60), NOW)).toBe('5 minutes ago');
    expect(es.relativeTime(secondsAgo(5 * 60), NOW)).toBe('hace 5 minutos');
    expect(en.relativeTime(secondsAgo(3 * 3600), NOW)).toBe('3 hours ago');
    expect(es.relativeTime(secondsAgo(86_400), NOW)).toBe('ayer');
    expect(en.relativeTime(secondsAgo(6 * 86_400), NOW)).toBe('6 days ago');
  });

  it('gives the date and time from a week on', () => {
    for (const locale of ['en', 'es'] as const) {
      const format = createFormat(locale);
      const iso = secondsAgo(7 * 86_400);
      expect(format.relativeTime(iso, NOW)).toBe(format.dateTime(iso));
      expect(format.dateTime(iso)).toMatch(/2026/);
    }
    expect(createFormat('es').dateTime('2026-10-13T12:00:00Z')).toMatch(/oct/);
    expect(createFormat('en').dateTime('2026-10-13T12:00:00Z')).toMatch(/^Oct 13, 2026/);
  });
});
