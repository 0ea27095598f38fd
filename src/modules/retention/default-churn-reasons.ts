/** The reasons a workspace starts with until it saves its own (issue 4 §7), in display order. */
export const DEFAULT_CHURN_REASONS: readonly { code: string; label_en: string; label_es: string }[] = [
  { code: 'too_expensive', label_en: 'Too expensive', label_es: 'Demasiado caro' },
  { code: 'missing_features', label_en: 'Missing features', label_es: 'Faltan funciones' },
  { code: 'switched_competitor', label_en: 'Switched to a competitor', label_es: 'Cambio a la competencia' },
  { code: 'poor_support', label_en: 'Poor support', label_es: 'Soporte deficiente' },
  { code: 'not_using', label_en: 'Not using it enough', label_es: 'Poco uso' },
  { code: 'business_closed', label_en: 'Business closed', label_es: 'Cierre del negocio' },
  { code: 'payment_failed', label_en: 'Payment failed', label_es: 'Pago fallido' },
  { code: 'other', label_en: 'Other', label_es: 'Otro' },
];

/** The reason of a churn whose subscription names none. */
export const UNSPECIFIED_REASON = {
  code: 'unspecified',
  label_en: 'Unspecified',
  label_es: 'Sin especificar',
};
