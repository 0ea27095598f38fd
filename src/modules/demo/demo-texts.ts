import type { TLanguage } from './make-names.ts';

/** Free texts users type into billing, help desk and survey tools, in English and Spanish. */
export const CANCELLATION_COMMENTS: Record<string, Record<TLanguage, string[]>> = {
  too_expensive: {
    en: ['Budget cuts this quarter, we cannot justify the cost.', 'Too expensive for a team our size.'],
    es: [
      'Recortes de presupuesto, no podemos justificar el costo.',
      'Muy caro para un equipo de nuestro tamaño.',
    ],
  },
  missing_features: {
    en: ['We need Salesforce two-way sync.', 'No custom reports by region, which we need.'],
    es: ['Necesitamos sincronización con Salesforce.', 'Faltan reportes personalizados por región.'],
  },
  switched_competitor: {
    en: ['Moved to a tool bundled with our CRM.', 'Switched to a cheaper competitor.'],
    es: ['Nos pasamos a la herramienta incluida en nuestro CRM.', 'Cambiamos a un competidor más barato.'],
  },
  not_using: {
    en: ['The team never adopted it.', 'Our champion left and nobody logs in.'],
    es: ['El equipo nunca lo adoptó.', 'La persona que lo usaba se fue de la empresa.'],
  },
  business_closed: {
    en: ['We are winding down the business.', 'Company acquired, tools consolidated.'],
    es: ['Cerramos la empresa.', 'La empresa fue adquirida y consolidamos herramientas.'],
  },
  poor_support: {
    en: ['Tickets took days to get an answer.', 'Support could not solve our import issue.'],
    es: [
      'Los tiquetes tardaban días en responderse.',
      'Soporte no resolvió nuestro problema de importación.',
    ],
  },
  payment_failed: { en: [''], es: [''] },
};

export const TICKET_SUBJECTS: Record<TLanguage, { normal: string[]; complaint: string[] }> = {
  en: {
    normal: [
      'How do I export a report to PDF?',
      'Add a new user to our account',
      'Question about our invoice',
      'Dashboard not loading',
      'Integration with HubSpot',
      'Change billing contact',
      'Reset two-factor login',
    ],
    complaint: [
      'Charged twice this month',
      'Data missing after sync, this is the third time',
      'Very slow, unusable this week',
      'Nobody answered my last ticket',
    ],
  },
  es: {
    normal: [
      '¿Cómo exporto un reporte a PDF?',
      'Agregar un usuario nuevo',
      'Consulta sobre la factura',
      'El tablero no carga',
      'Integración con HubSpot',
      'Cambiar el contacto de facturación',
    ],
    complaint: [
      'Nos cobraron dos veces este mes',
      'Faltan datos después de la sincronización',
      'Muy lento, no se puede usar',
      'Nadie respondió mi último tiquete',
    ],
  },
};

/** Survey comments by sentiment: detractor (0–6 / 1–2), passive, promoter (9–10 / 4–5). */
export const SURVEY_COMMENTS: Record<TLanguage, Record<'low' | 'mid' | 'high', string[]>> = {
  en: {
    low: [
      'Too many bugs lately.',
      'Support is slow.',
      'Hard to justify the price.',
      'Reports are confusing.',
    ],
    mid: [
      'Does the job.',
      'Good, but the mobile app needs work.',
      'A bit expensive for what we use.',
      'Support could answer faster.',
      '',
    ],
    high: ['Love the dashboards!', 'Our CSM is fantastic.', 'Saves us hours every week.', ''],
  },
  es: {
    low: ['Muchos errores últimamente.', 'El soporte es lento.', 'Difícil justificar el precio.'],
    mid: [
      'Cumple su función.',
      'Bien, pero la app móvil necesita mejoras.',
      'Un poco caro para lo que usamos.',
      'El soporte podría responder más rápido.',
      '',
    ],
    high: ['¡Nos encantan los tableros!', 'Nuestra CSM es excelente.', 'Nos ahorra horas cada semana.', ''],
  },
};
