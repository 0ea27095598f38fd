import snowball from 'snowball-stemmers';
import type { TLanguage } from './detect-language.ts';
import { foldDiacritics } from './fold-diacritics.ts';

const stemmers: Record<TLanguage, snowball.Stemmer> = {
  en: snowball.newStemmer('english'),
  es: snowball.newStemmer('spanish'),
};

// The Snowball port takes ~40 µs a word, 10 s over 50,000 comments; their vocabulary is a few thousand
// words, so stems are remembered (bounded, in case of a flood of distinct tokens such as ids).
const stemCache: Record<TLanguage, Map<string, string>> = { en: new Map(), es: new Map() };
const STEM_CACHE_SIZE = 100_000;

/** The Snowball stem of a lower-case word in its language, without diacritics. */
export function stemWord(word: string, language: TLanguage): string {
  const cache = stemCache[language];
  let stem = cache.get(word);
  if (stem === undefined) {
    if (cache.size >= STEM_CACHE_SIZE) cache.clear();
    stem = foldDiacritics(stemmers[language].stem(word));
    cache.set(word, stem);
  }
  return stem;
}
