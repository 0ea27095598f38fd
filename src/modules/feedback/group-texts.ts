import type { TTerm } from './extract-terms.ts';

export type TTextGroup = { key: string; indexes: number[] };

/**
 * Greedy keyword grouping: the key (concept or stem) found in the most texts not yet grouped becomes a
 * theme and takes all of them; the counts of the other keys of those texts drop, and so on while a key
 * still covers `minCount` texts. Each text joins at most one theme, so counts add up and shares are
 * shares of the texts analysed; a text about two things ("Support is slow") goes to the theme more texts
 * share. Each pick covers no more texts than the one before, so themes come out largest first. Ties go to
 * curated concepts, then to the key that sorts first: the result depends on the texts alone.
 */
export function groupTexts(
  texts: readonly { terms: readonly TTerm[] }[],
  { minCount, maxGroups }: { minCount: number; maxGroups: number },
): TTextGroup[] {
  const keysOf = texts.map((text) => [...new Set(text.terms.map((term) => term.key))]);
  const textsOf = new Map<string, number[]>();
  keysOf.forEach((keys, index) => {
    for (const key of keys) {
      const indexes = textsOf.get(key);
      if (indexes) indexes.push(index);
      else textsOf.set(key, [index]);
    }
  });
  const remaining = new Map([...textsOf].map(([key, indexes]) => [key, indexes.length]));
  const isGrouped = new Array<boolean>(texts.length).fill(false);
  const groups: TTextGroup[] = [];
  while (groups.length < maxGroups) {
    const key = strongestKey(remaining);
    if (key === undefined || (remaining.get(key) ?? 0) < minCount) break;
    const indexes = (textsOf.get(key) ?? []).filter((index) => !isGrouped[index]);
    for (const index of indexes) {
      isGrouped[index] = true;
      for (const other of keysOf[index]!) remaining.set(other, (remaining.get(other) ?? 0) - 1);
    }
    remaining.delete(key);
    groups.push({ key, indexes });
  }
  return groups;
}

function strongestKey(remaining: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [key, count] of remaining) {
    if (best === undefined || isStronger(key, count, best, bestCount)) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}

function isStronger(key: string, count: number, best: string, bestCount: number): boolean {
  if (count !== bestCount) return count > bestCount;
  const [isConcept, isBestConcept] = [key.startsWith('#'), best.startsWith('#')];
  if (isConcept !== isBestConcept) return isConcept;
  return key < best;
}
