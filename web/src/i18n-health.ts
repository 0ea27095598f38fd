/** Texts of the health page additions, merged into the dictionary in i18n.ts; Spanish must have the same keys. */
export const healthEn = {} as const;

export const healthEs: Record<keyof typeof healthEn, string> = {};
