/**
 * ROC-AUC of a health score as a churn predictor, where risk is a *lower* score: the probability that a
 * random churner scored below a random stayer, ties counting ½ (Mann–Whitney U / (n₁·n₀)). Sort-based,
 * O(n log n). Null when there are no churners or no stayers (the AUC is undefined).
 */
export function computeAuc(observations: readonly { score: number; churned: boolean }[]): number | null {
  const churners = observations.reduce((n, o) => n + (o.churned ? 1 : 0), 0);
  const stayers = observations.length - churners;
  if (churners === 0 || stayers === 0) return null;
  const sorted = [...observations].sort((a, b) => a.score - b.score);
  // Walk scores from low to high; a churner scores below every stayer not yet passed.
  let stayersBelow = 0;
  let pairs = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    let tiedChurners = 0;
    let tiedStayers = 0;
    for (; j < sorted.length && sorted[j]!.score === sorted[i]!.score; j++) {
      if (sorted[j]!.churned) tiedChurners++;
      else tiedStayers++;
    }
    pairs += tiedChurners * (stayers - stayersBelow - tiedStayers) + 0.5 * tiedChurners * tiedStayers;
    stayersBelow += tiedStayers;
    i = j;
  }
  return pairs / (churners * stayers);
}
