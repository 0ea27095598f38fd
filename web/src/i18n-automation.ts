/** Texts of the automation pages, merged into the dictionary in i18n.ts; Spanish must have the same keys. */
export const automationEn = {} as const;

export const automationEs: Record<keyof typeof automationEn, string> = {};
