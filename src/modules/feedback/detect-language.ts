import { franc } from 'franc-min';
import { FUNCTION_WORDS } from './stop-words.ts';

export type TLanguage = 'en' | 'es';

// Letters and marks only Spanish uses among the two languages.
const SPANISH_MARKS = /[ñáéíóúü¿¡]/u;

/**
 * English or Spanish. First by which language's function words the text uses more ("the", "is" against
 * "el", "es"; a Spanish-only letter or mark counts as one more Spanish word): on texts as short as a ticket
 * subject that is a surer clue than letter trigrams. When that is a tie ("Faltan reportes personalizados"
 * has no such word), franc's trigram model limited to the two languages decides; a text it cannot judge
 * is English, the language of most product vocabulary.
 */
export function detectLanguage(text: string, tokens: readonly string[]): TLanguage {
  let en = 0;
  let es = SPANISH_MARKS.test(text) ? 1 : 0;
  for (const token of tokens) {
    if (FUNCTION_WORDS.en.has(token)) en += 1;
    if (FUNCTION_WORDS.es.has(token)) es += 1;
  }
  if (en !== es) return es > en ? 'es' : 'en';
  return franc(text, { only: ['eng', 'spa'], minLength: 3 }) === 'spa' ? 'es' : 'en';
}
