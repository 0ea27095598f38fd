import { eng, spa } from 'stopword';
import { foldDiacritics } from './fold-diacritics.ts';

/**
 * Words that never make a theme. The `stopword` lists of English and Spanish (function words) are applied
 * together whatever the detected language: a short ticket subject is easily misdetected, and the two lists
 * hardly clash. Their Spanish list is short (59 words), so common verb forms and pronouns are added; and
 * feedback is full of praise, complaint and time words ("great", "lately", "semana") that say how a
 * customer feels or when, never what about — left in, they would form the largest "themes" of all.
 */
const EXTRA_EN = `
  not no its us just really even every any lot lots bit thing things lately today day days week weeks
  month months year time times third need needs want does doing done job use using used work works
  good great love nice awesome amazing excellent fantastic best better bad worse worst terrible awful
  poor hard easy too very new last please thanks thank hours saves help ok okay yes cannot can again
  when went going nobody someone anyone everyone two three twice
`
  .split(/\s+/)
  .filter(Boolean);
const EXTRA_ES = `
  es son era ser fue está están estar este esta estos estas esto esa esas esos hay ha han he hemos
  tengo tiene tenemos puede pueden yo usted ustedes les nuestro nuestra nuestros nuestras todo todos
  toda todas mucho mucha muchos muchas cada vez veces hoy día días semana semanas mes meses año años
  últimamente último última nada algo así bien bueno buena mal malo mala mejor peor excelente encanta
  encantan gran difícil fácil necesita necesitamos cumple función ahorra horas gracias favor usar uso
  nuevo nueva sí cómo dónde cuándo nadie alguien dos nosotros nosotras ellos ellas tres después antes
  mejoras otra
`
  .split(/\s+/)
  .filter(Boolean);

// Folded forms too: people often type Spanish without accents ("ultimamente", "dias").
export const STOP_WORDS: ReadonlySet<string> = new Set(
  [...eng, ...spa, ...EXTRA_EN, ...EXTRA_ES].flatMap((word) => [word, foldDiacritics(word)]),
);

/** Function words only, for telling English from Spanish (the praise and time words above are not). */
export const FUNCTION_WORDS: Record<'en' | 'es', ReadonlySet<string>> = {
  en: new Set([...eng, 'not', 'no', 'its', 'us', 'just', 'too', 'very']),
  es: new Set([...spa, 'es', 'son', 'está', 'están', 'este', 'esta', 'hay', 'muy', 'nuestro', 'nuestra']),
};
