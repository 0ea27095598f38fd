import type { TLanguage } from './detect-language.ts';
import type { TTextTerms } from './extract-terms.ts';
import type { TFeedbackText } from './find-feedback-texts.ts';
import { conceptLabel } from './theme-concepts.ts';

export type TAnalysedText = TFeedbackText & TTextTerms;

export type TFeedbackExample = {
  source: 'survey' | 'ticket';
  id: string;
  account_id: string;
  date: string;
  language: TLanguage;
  survey: string | null;
  score: number | null;
  text: string;
};

export type TThemeDescription = {
  theme: string;
  keywords: string[];
  stems: string[];
  examples: TFeedbackExample[];
};

const MAX_KEYWORDS = 8;
const MAX_EXAMPLES = 3;

/**
 * A readable label, keywords and examples for the texts grouped under `key`. A curated concept reads as
 * its label in the language most of its texts are written in ("price", or "precio"; a tie is English).
 * Any other key reads as the word people used most for it, or as a two-word phrase around it ("mobile
 * app") when at least two texts and half of the theme use that phrase. Keywords are the words used, the
 * most common stem first. Examples are the newest distinct texts (`texts` come newest first).
 */
export function describeTheme(key: string, texts: readonly TAnalysedText[]): TThemeDescription {
  const words = new Map<string, number>();
  const stems = new Map<string, number>();
  const stemOfWord = new Map<string, string>();
  const phrases = new Map<string, number>();
  for (const text of texts) {
    const terms = text.terms.filter((term) => term.key === key);
    for (const term of terms) stemOfWord.set(term.word, term.stem);
    for (const word of new Set(terms.map((term) => term.word))) words.set(word, (words.get(word) ?? 0) + 1);
    for (const stem of new Set(terms.map((term) => term.stem))) stems.set(stem, (stems.get(stem) ?? 0) + 1);
    const around = text.phrases.filter((phrase) => phrase.keys.includes(key)).map((phrase) => phrase.words);
    for (const phrase of new Set(around)) phrases.set(phrase, (phrases.get(phrase) ?? 0) + 1);
  }
  const keywords = [...words.keys()].sort(
    (a, b) =>
      (stems.get(stemOfWord.get(b)!) ?? 0) - (stems.get(stemOfWord.get(a)!) ?? 0) ||
      words.get(b)! - words.get(a)! ||
      compare(a, b),
  );
  return {
    theme: label(key, texts, phrases, keywords),
    keywords: keywords.slice(0, MAX_KEYWORDS),
    stems: byCount(stems)
      .map(([stem]) => stem)
      .slice(0, MAX_KEYWORDS),
    examples: pickExamples(texts),
  };
}

function label(
  key: string,
  texts: readonly TAnalysedText[],
  phrases: ReadonlyMap<string, number>,
  keywords: readonly string[],
): string {
  if (key.startsWith('#')) {
    const spanish = texts.filter((text) => text.language === 'es').length;
    const concept = conceptLabel(key.slice(1), spanish * 2 > texts.length ? 'es' : 'en');
    if (concept) return concept;
  }
  const [phrase, phraseCount] = byCount(phrases)[0] ?? ['', 0];
  if (phraseCount >= 2 && phraseCount * 2 >= texts.length) return phrase;
  return keywords[0] ?? key;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Most frequent first; ties in alphabetical order, so labels never depend on the order of the rows. */
function byCount(counts: ReadonlyMap<string, number>): [string, number][] {
  return [...counts].sort(([a, x], [b, y]) => y - x || compare(a, b));
}

function pickExamples(texts: readonly TAnalysedText[]): TFeedbackExample[] {
  const seen = new Set<string>();
  const examples: TFeedbackExample[] = [];
  for (const text of texts) {
    const normalised = text.text.trim().toLowerCase();
    if (seen.has(normalised)) continue;
    seen.add(normalised);
    const { source, id, account_id, date, language, survey, score } = text;
    examples.push({ source, id, account_id, date, language, survey, score, text: text.text.trim() });
    if (examples.length === MAX_EXAMPLES) break;
  }
  return examples;
}
