/** Texts of the accounts page additions, merged into the dictionary in i18n.ts; Spanish must have the same keys. */
export const accountsEn = {} as const;

export const accountsEs: Record<keyof typeof accountsEn, string> = {};
