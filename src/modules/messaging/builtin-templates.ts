import { builtinTemplatesEn } from './builtin-templates-en.ts';
import { builtinTemplatesEs } from './builtin-templates-es.ts';

export type TLocale = 'en' | 'es';
export const LOCALES: readonly TLocale[] = ['en', 'es'];

export type TTemplateContent = { subject: string; html: string; text: string };

/** Variables every template may use, filled in by queueEmail. */
export const STANDARD_VARIABLES = ['account_name', 'contact_name', 'unsubscribe_url'] as const;

/**
 * The ids other areas send (playbooks, dunning) and the variables each one reads besides the standard
 * ones. A variable left out renders as nothing: optional sentences sit in mustache sections.
 */
export const BUILTIN_TEMPLATE_VARIABLES: Record<string, readonly string[]> = {
  onboarding_welcome: ['getting_started_url', 'csm_name'],
  detractor_follow_up: ['score', 'csm_name'],
  annual_offer: ['discount_percent', 'offer_url'],
  renewal_reminder: ['renewal_date', 'amount'],
  automation_suggestion: ['feature_name', 'action_url'],
  offboarding_survey: ['survey_url'],
  win_back: ['offer_url', 'discount_percent'],
  payment_failed: ['amount', 'invoice_id', 'attempt', 'update_payment_url'],
  payment_final_notice: ['amount', 'invoice_id', 'final_date', 'update_payment_url'],
  card_expiring: ['last4', 'expires_on', 'update_payment_url'],
};

const builtins: Record<TLocale, Record<string, TTemplateContent>> = {
  en: builtinTemplatesEn,
  es: builtinTemplatesEs,
};

/** The built-in content of a template id in a locale, or undefined when the id is not built in. */
export function findBuiltinTemplate(id: string, locale: TLocale): TTemplateContent | undefined {
  return Object.hasOwn(builtins[locale], id) ? builtins[locale][id] : undefined;
}
