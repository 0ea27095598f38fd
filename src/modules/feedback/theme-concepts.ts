import type { TLanguage } from './detect-language.ts';
import { foldDiacritics } from './fold-diacritics.ts';
import { stemWord } from './stem-word.ts';

/**
 * A small curated bilingual map of the themes customers of a SaaS product raise most, so that "expensive",
 * "price" and "caro" count as one theme. Words are listed as people write them; they are stemmed here with
 * the stemmer of their own language, so any inflection the stemmer folds ("precios", "prices") joins too.
 * A word stemmed in one language is looked up only with that language's stem: Spanish "caro" (stem "car")
 * must not capture an English "car". Each concept has a label per language, so a theme reads "price" or
 * "precio" rather than whichever synonym happened to be typed most.
 */
type TConcept = { label: Record<TLanguage, string> } & Record<TLanguage, string[]>;

const CONCEPTS: Record<string, TConcept> = {
  price: {
    label: { en: 'price', es: 'precio' },
    en: ['price', 'pricing', 'expensive', 'cost', 'costly', 'cheap', 'cheaper', 'budget', 'overpriced'],
    es: ['precio', 'caro', 'cara', 'costo', 'coste', 'barato', 'barata', 'presupuesto'],
  },
  billing: {
    label: { en: 'billing', es: 'facturación' },
    en: ['invoice', 'invoicing', 'billing', 'bill', 'billed', 'charge', 'charged', 'refund', 'payment'],
    es: ['factura', 'facturación', 'cobro', 'cobraron', 'cobrar', 'reembolso', 'pago'],
  },
  support: {
    label: { en: 'support', es: 'soporte' },
    en: ['support', 'ticket', 'answer', 'answered', 'response', 'respond'],
    es: ['soporte', 'tiquete', 'respuesta', 'respondió', 'responder', 'responderse', 'atención'],
  },
  bugs: {
    label: { en: 'bugs', es: 'errores' },
    en: ['bug', 'buggy', 'error', 'crash', 'crashing', 'broken', 'glitch'],
    es: ['error', 'errores', 'fallo', 'falla', 'bug'],
  },
  slow: {
    label: { en: 'slow', es: 'lento' },
    en: ['slow', 'slowly', 'slowness', 'lag', 'laggy', 'performance'],
    es: ['lento', 'lenta', 'lentitud', 'rendimiento', 'demora', 'tardaban', 'tarda'],
  },
  onboarding: {
    label: { en: 'onboarding', es: 'onboarding' },
    en: ['onboarding', 'setup', 'adopt', 'adopted', 'adoption', 'training'],
    es: ['onboarding', 'incorporación', 'capacitación', 'implementación', 'adoptó', 'adoptar'],
  },
  integration: {
    label: { en: 'integrations', es: 'integraciones' },
    en: ['integration', 'integrate', 'sync', 'synced', 'syncing', 'api'],
    es: ['integración', 'integrar', 'sincronización', 'sincronizar', 'api'],
  },
  reports: {
    label: { en: 'reports', es: 'reportes' },
    en: ['report', 'reporting'],
    es: ['reporte', 'informe'],
  },
  dashboard: {
    label: { en: 'dashboard', es: 'tablero' },
    en: ['dashboard'],
    es: ['tablero', 'panel'],
  },
  mobile: {
    label: { en: 'mobile app', es: 'app móvil' },
    en: ['mobile', 'ios', 'android'],
    es: ['móvil', 'celular'],
  },
  login: {
    label: { en: 'login', es: 'inicio de sesión' },
    en: ['login', 'log', 'password', 'two-factor', 'sso', '2fa'],
    es: ['contraseña', 'sesión', 'acceso'],
  },
  data: {
    label: { en: 'data', es: 'datos' },
    en: ['data'],
    es: ['dato', 'datos'],
  },
  users: {
    label: { en: 'users', es: 'usuarios' },
    en: ['user', 'seat'],
    es: ['usuario', 'licencia'],
  },
};

const conceptByStem = new Map<string, string>();
const conceptByWord = new Map<string, string>();
for (const [concept, words] of Object.entries(CONCEPTS)) {
  for (const language of ['en', 'es'] as const) {
    for (const word of words[language]) {
      conceptByStem.set(`${language}:${stemWord(word, language)}`, concept);
      conceptByWord.set(foldDiacritics(word), concept);
    }
  }
}

/**
 * The curated concept of a word, if any: by its stem in the text's language, else by the word itself as
 * listed in either language — a one-word text ("precio") carries no clue to its language, and Snowball
 * leaves a Spanish word typed without its accent ("integracion") unstemmed.
 */
export function conceptOf(word: string, stem: string, language: TLanguage): string | undefined {
  return conceptByStem.get(`${language}:${stem}`) ?? conceptByWord.get(foldDiacritics(word));
}

/** The label of a concept in a language. */
export function conceptLabel(concept: string, language: TLanguage): string | undefined {
  return CONCEPTS[concept]?.label[language];
}
