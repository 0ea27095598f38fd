/** Texts of the revenue page additions, merged into the dictionary in i18n.ts; Spanish must have the same keys. */
export const revenueEn = {} as const;

export const revenueEs: Record<keyof typeof revenueEn, string> = {};
