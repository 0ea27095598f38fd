import type { z } from 'zod';
import type { ZPlaybookDefinition } from '../playbook-definition.ts';

/** A ready-made playbook: its definition (the input shape, defaults filled in on validation) and en/es texts. */
export type TPlaybookTemplate = {
  id: string;
  name: { en: string; es: string };
  description: { en: string; es: string };
  definition: z.input<typeof ZPlaybookDefinition>;
};

/** Playbooks made from this template are what win-back attribution counts (find-win-back-attributions.ts). */
export const WIN_BACK_TEMPLATE_ID = 'offboarding_win_back';

const renewal = (days: 90 | 60 | 30): TPlaybookTemplate => ({
  id: `renewal_reminder_${days}`,
  name: { en: `Renewal reminder, ${days} days`, es: `Recordatorio de renovación, ${days} días` },
  description: {
    en: `${days} days before a subscription renews: a reminder email to the billing contact and a task for the owner.`,
    es: `${days} días antes de que se renueve una suscripción: un correo al contacto de facturación y una tarea para el responsable.`,
  },
  definition: {
    name: `Renewal reminder, ${days} days`,
    trigger: { kind: 'renewal_due', days },
    steps: [
      { id: 'remind', type: 'send_email', template_id: 'renewal_reminder', to: 'billing' },
      {
        id: 'review',
        type: 'create_task',
        title: `Renewal in ${days} days: review the account`,
        due_in_days: days === 30 ? 2 : 7,
        priority: days === 30 ? 'high' : 'normal',
      },
    ],
  },
});

export const PLAYBOOK_TEMPLATES: readonly TPlaybookTemplate[] = [
  {
    id: 'onboarding_by_stage',
    name: { en: 'Onboarding', es: 'Incorporación' },
    description: {
      en: 'When an account enters onboarding: a welcome email, a check-in task on day 7, then a usage check that either congratulates or escalates.',
      es: 'Cuando una cuenta entra en onboarding: un correo de bienvenida, una tarea de seguimiento el día 7 y luego una revisión de uso que felicita o escala.',
    },
    definition: {
      name: 'Onboarding',
      trigger: { kind: 'stage_changed', to: ['onboarding'] },
      enrollment: { exit_when_trigger_stops: true },
      steps: [
        { id: 'welcome', type: 'send_email', template_id: 'onboarding_welcome', to: 'any' },
        {
          id: 'check_in',
          type: 'create_task',
          title: 'Onboarding check-in call',
          due_in_days: 7,
          priority: 'normal',
        },
        { id: 'wait_week', type: 'wait', days: 7 },
        // biome-ignore lint/suspicious/noThenProperty: a branch's target is named `then` in the definition
        { id: 'usage', type: 'branch', if: 'health_score >= 60', then: 'tag_ok', else: 'escalate' },
        { id: 'tag_ok', type: 'add_tag', tag: 'onboarding_on_track' },
        { id: 'done', type: 'end' },
        {
          id: 'escalate',
          type: 'create_task',
          title: 'Low usage in onboarding: plan a training session',
          due_in_days: 1,
          priority: 'high',
        },
      ],
    },
  },
  {
    id: 'detractor_follow_up',
    name: { en: 'Detractor follow-up', es: 'Seguimiento de detractores' },
    description: {
      en: 'An NPS detractor answer: a high-priority task due today and a follow-up email.',
      es: 'Una respuesta NPS detractora: una tarea de prioridad alta para hoy y un correo de seguimiento.',
    },
    definition: {
      name: 'Detractor follow-up',
      trigger: { kind: 'survey_answered', survey: 'nps', category: 'detractor' },
      steps: [
        {
          id: 'call',
          type: 'create_task',
          title: 'Call back an NPS detractor',
          due_in_days: 0,
          priority: 'high',
        },
        { id: 'email', type: 'send_email', template_id: 'detractor_follow_up', to: 'any' },
      ],
    },
  },
  {
    id: 'vip_at_risk_call',
    name: { en: 'VIP at risk: call', es: 'VIP en riesgo: llamada' },
    description: {
      en: 'A VIP account whose health turns red: an urgent call task for its owner.',
      es: 'Una cuenta VIP cuya salud pasa a rojo: una tarea urgente de llamada para su responsable.',
    },
    definition: {
      name: 'VIP at risk: call',
      trigger: { kind: 'health_band_changed', to: ['red'] },
      conditions: { tiers: ['vip'] },
      steps: [
        {
          id: 'call',
          type: 'create_task',
          title: 'VIP at risk: call the customer today',
          due_in_days: 0,
          priority: 'urgent',
        },
        { id: 'tag', type: 'add_tag', tag: 'at_risk' },
      ],
    },
  },
  {
    id: 'automation_suggestion',
    name: { en: 'Automation suggestion', es: 'Sugerencia de automatización' },
    description: {
      en: 'An account repeating a manual action (an event at least N times in D days, default 20 exports in 14 days): an email suggesting automation and an upsell task.',
      es: 'Una cuenta que repite una acción manual (un evento al menos N veces en D días, por defecto 20 exportaciones en 14 días): un correo que sugiere automatizar y una tarea de venta adicional.',
    },
    definition: {
      name: 'Automation suggestion',
      trigger: { kind: 'usage_pattern', event: 'report_exported', min_count: 20, days: 14 },
      enrollment: { once_per_days: 90 },
      steps: [
        { id: 'suggest', type: 'send_email', template_id: 'automation_suggestion', to: 'any' },
        {
          id: 'upsell',
          type: 'create_task',
          title: 'Heavy manual usage: propose the automation add-on',
          due_in_days: 3,
          priority: 'normal',
        },
      ],
    },
  },
  {
    // The offer fits a happy, young, monthly customer: the trigger is the moment health turns green (an
    // event, so each account is offered at most once per such change and once a year overall); monthly
    // billing and tenure are conditions (billing_interval, max_tenure_days), which the filter language
    // cannot express.
    id: 'annual_billing_offer',
    name: { en: 'Annual billing offer', es: 'Oferta de facturación anual' },
    description: {
      en: 'A monthly customer of less than 12 months whose health turns green: an email offering annual billing.',
      es: 'Un cliente mensual con menos de 12 meses cuya salud pasa a verde: un correo con la oferta de facturación anual.',
    },
    definition: {
      name: 'Annual billing offer',
      trigger: { kind: 'health_band_changed', to: ['green'] },
      conditions: { filter: 'health_band = "green"', billing_interval: 'month', max_tenure_days: 365 },
      enrollment: { once_per_days: 365 },
      steps: [
        { id: 'offer', type: 'send_email', template_id: 'annual_offer', to: 'billing' },
        { id: 'tag', type: 'add_tag', tag: 'annual_offer_sent' },
      ],
    },
  },
  renewal(90),
  renewal(60),
  renewal(30),
  {
    id: WIN_BACK_TEMPLATE_ID,
    name: { en: 'Offboarding survey and win-back', es: 'Encuesta de baja y recuperación' },
    description: {
      en: 'A churned account: an offboarding survey now, a win-back email after 30 days and another after 60.',
      es: 'Una cuenta dada de baja: una encuesta de salida ahora, un correo de recuperación a los 30 días y otro a los 60.',
    },
    definition: {
      name: 'Offboarding survey and win-back',
      trigger: { kind: 'account_churned' },
      steps: [
        { id: 'survey', type: 'send_email', template_id: 'offboarding_survey', to: 'any' },
        { id: 'wait_1', type: 'wait', days: 30 },
        { id: 'win_back_1', type: 'send_email', template_id: 'win_back', to: 'any' },
        { id: 'wait_2', type: 'wait', days: 30 },
        { id: 'win_back_2', type: 'send_email', template_id: 'win_back', to: 'any' },
      ],
    },
  },
  {
    id: 'cancelled_too_expensive',
    name: { en: 'Cancelled for price: save offer', es: 'Baja por precio: oferta para retener' },
    description: {
      en: 'A subscription cancelled as too expensive: a same-day task to offer a smaller plan or a discount, then a win-back email with the offer after 14 days.',
      es: 'Una suscripción cancelada por ser demasiado cara: una tarea para hoy de ofrecer un plan menor o un descuento y, a los 14 días, un correo de recuperación con la oferta.',
    },
    definition: {
      name: 'Cancelled for price: save offer',
      trigger: { kind: 'cancelled', reasons: ['too_expensive'] },
      steps: [
        {
          id: 'call',
          type: 'create_task',
          title: 'Cancelled for price: offer a smaller plan or a discount',
          owner: 'account_owner',
          due_in_days: 0,
          priority: 'high',
        },
        { id: 'wait', type: 'wait', days: 14 },
        { id: 'offer', type: 'send_email', template_id: 'win_back', to: 'any' },
      ],
    },
  },
];
