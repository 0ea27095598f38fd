/** Without diacritics, so "integración" and "integracion" (typed without accents) meet. */
export function foldDiacritics(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '');
}
