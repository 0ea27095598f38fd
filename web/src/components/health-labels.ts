import { isMessageKey, MESSAGES, type TTranslate } from '../i18n.ts';

export type THealthLabels = {
  /** A scorecard's name: the built-in "Default health" in the user's language, any other as typed. */
  scorecard: (name: string) => string;
  /** A measure's label: ours (the catalog's or the default scorecard's) translated, a user's own as typed. */
  measure: (measure: { key: string; metric?: string; label: string }) => string;
  /** A group by its key and the scorecard's label for it (the key when it has none). */
  group: (key: string | null | undefined, label?: string) => string;
};

/**
 * Scorecard texts are data, but the catalog (src/modules/health/measure-catalog.ts) and the default scorecard
 * (default-scorecard.ts) write theirs in English: a text still equal to our English one is ours and reads in
 * the user's language; one a user changed stays as they typed it (test/health-labels.test.ts keeps the
 * English dictionary equal to those files).
 */
export function healthLabels(t: TTranslate): THealthLabels {
  const ours = (key: string, text: string | undefined): string | undefined =>
    isMessageKey(key) && (text === undefined || MESSAGES.en[key] === text) ? t(key) : undefined;
  return {
    scorecard: (name) => ours('scorecards.defaultName', name) ?? name,
    measure: ({ key, metric, label }) =>
      (metric === undefined ? undefined : ours(`scorecards.metric.${metric}`, label)) ??
      ours(`scorecards.defaultMeasure.${key}`, label) ??
      label,
    group: (key, label) => {
      if (key === null || key === undefined || key === '') return '—';
      return ours(`scorecards.group.${key}`, label || undefined) ?? (label || key);
    },
  };
}
