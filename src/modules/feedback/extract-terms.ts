import { detectLanguage, type TLanguage } from './detect-language.ts';
import { stemWord } from './stem-word.ts';
import { STOP_WORDS } from './stop-words.ts';
import { conceptOf } from './theme-concepts.ts';

/** One content word of a text: `key` groups texts (a curated concept `#price`, else the stem). */
export type TTerm = { key: string; stem: string; word: string };

/** Two content words next to each other ("mobile app"), a candidate for a readable theme label. */
export type TPhrase = { keys: [string, string]; words: string };

export type TTextTerms = { language: TLanguage; terms: TTerm[]; phrases: TPhrase[] };

// Words and numbers, keeping inner hyphens ("two-factor"); apostrophes split ("it's" → "it", "s").
const TOKEN = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const MIN_LENGTH = 3;

/**
 * Tokenises a comment or ticket subject, detects its language, drops stop words, short words and
 * numbers, and stems the rest with the Snowball stemmer of that language ("prices" → "price",
 * "precios" → "preci"), mapping curated synonyms to one concept across languages.
 */
export function extractTerms(text: string): TTextTerms {
  const tokens = text.normalize('NFC').toLowerCase().match(TOKEN) ?? [];
  const language = detectLanguage(text.toLowerCase(), tokens);
  const slots: (TTerm | null)[] = tokens.map((word) => {
    if (word.length < MIN_LENGTH || STOP_WORDS.has(word) || /^\d+$/.test(word)) return null;
    const stem = stemWord(word, language);
    const concept = conceptOf(word, stem, language);
    return { key: concept ? `#${concept}` : stem, stem, word };
  });
  const terms = slots.filter((term): term is TTerm => term !== null);
  const phrases: TPhrase[] = [];
  for (let i = 1; i < slots.length; i += 1) {
    const [a, b] = [slots[i - 1], slots[i]];
    if (a && b && a.key !== b.key) phrases.push({ keys: [a.key, b.key], words: `${a.word} ${b.word}` });
  }
  return { language, terms, phrases };
}
