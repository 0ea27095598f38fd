export type TFixFirstInput = {
  theme: string;
  count: number;
  promoters: number;
  passives: number;
  detractors: number;
  mrr: number;
};

export type TFixFirst = {
  theme: string;
  detractors: number;
  passives: number;
  promoters: number;
  mrr: number;
  priority: number;
};

/**
 * What to fix first: the themes raised by both detractors and passives — a complaint that unhappy
 * customers share with the ones on the fence, so fixing it can keep some and win over others — ordered by
 * priority = (detractors + passives) × MRR of the accounts that raised the theme: the unhappy voices
 * weighted by the revenue behind the theme. Ties (e.g. no revenue data, MRR 0) go to more detractors and
 * passives, then more detractors, then the more frequent theme, then the label.
 */
export function rankFixFirst(themes: readonly TFixFirstInput[], limit: number): TFixFirst[] {
  return themes
    .filter((theme) => theme.detractors > 0 && theme.passives > 0)
    .map((theme) => ({
      theme: theme.theme,
      detractors: theme.detractors,
      passives: theme.passives,
      promoters: theme.promoters,
      mrr: theme.mrr,
      priority: Math.round((theme.detractors + theme.passives) * theme.mrr * 100) / 100,
      count: theme.count,
    }))
    .sort(
      (a, b) =>
        b.priority - a.priority ||
        b.detractors + b.passives - (a.detractors + a.passives) ||
        b.detractors - a.detractors ||
        b.count - a.count ||
        (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0),
    )
    .slice(0, limit)
    .map(({ count: _count, ...rest }) => rest);
}
