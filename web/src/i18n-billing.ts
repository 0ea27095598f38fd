/** Texts of the billing pages, merged into the dictionary in i18n.ts; Spanish must have the same keys. */
export const billingEn = {} as const;

export const billingEs: Record<keyof typeof billingEn, string> = {};
