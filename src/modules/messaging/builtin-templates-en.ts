import type { TTemplateContent } from './builtin-templates.ts';

/**
 * English copy of the built-in templates. `{{var}}` is HTML-escaped in the HTML part; sections
 * (`{{#var}}…{{/var}}`) keep a sentence out when the caller did not pass that variable.
 */
export const builtinTemplatesEn: Record<string, TTemplateContent> = {
  onboarding_welcome: {
    subject: 'Welcome aboard, {{contact_name}}',
    html: `<p>Hi {{contact_name}},</p>
<p>Welcome aboard! {{account_name}} is all set up, and we want your first weeks to be a success.</p>
{{#getting_started_url}}<p><a href="{{getting_started_url}}">Start with the getting-started guide</a>: it takes ten minutes.</p>{{/getting_started_url}}
<p>Just reply to this email if you have any question: a real person will answer.</p>
<p>{{csm_name}}{{^csm_name}}The customer success team{{/csm_name}}</p>`,
    text: `Hi {{contact_name}},

Welcome aboard! {{account_name}} is all set up, and we want your first weeks to be a success.
{{#getting_started_url}}
Start with the getting-started guide (it takes ten minutes): {{getting_started_url}}
{{/getting_started_url}}
Just reply to this email if you have any question: a real person will answer.

{{csm_name}}{{^csm_name}}The customer success team{{/csm_name}}`,
  },
  detractor_follow_up: {
    subject: 'Thank you for your honest feedback',
    html: `<p>Hi {{contact_name}},</p>
<p>Thank you for telling us how we are doing{{#score}} (you gave us {{score}}){{/score}}. We clearly fell short, and we would like to fix it.</p>
<p>Could you reply with what disappointed you most? I read every answer personally and will get back to you.</p>
<p>{{csm_name}}{{^csm_name}}The customer success team{{/csm_name}}</p>`,
    text: `Hi {{contact_name}},

Thank you for telling us how we are doing{{#score}} (you gave us {{score}}){{/score}}. We clearly fell short, and we would like to fix it.

Could you reply with what disappointed you most? I read every answer personally and will get back to you.

{{csm_name}}{{^csm_name}}The customer success team{{/csm_name}}`,
  },
  annual_offer: {
    subject: 'Save{{#discount_percent}} {{discount_percent}}%{{/discount_percent}} with annual billing',
    html: `<p>Hi {{contact_name}},</p>
<p>{{account_name}} has been with us for a while, so here is an offer: switch to annual billing and save{{#discount_percent}} {{discount_percent}}%{{/discount_percent}} compared with paying monthly.</p>
{{#offer_url}}<p><a href="{{offer_url}}">See the annual plan</a></p>{{/offer_url}}
<p>Same product, one invoice a year, and nothing else changes.</p>`,
    text: `Hi {{contact_name}},

{{account_name}} has been with us for a while, so here is an offer: switch to annual billing and save{{#discount_percent}} {{discount_percent}}%{{/discount_percent}} compared with paying monthly.
{{#offer_url}}
See the annual plan: {{offer_url}}
{{/offer_url}}
Same product, one invoice a year, and nothing else changes.`,
  },
  renewal_reminder: {
    subject:
      'Your subscription renews{{#renewal_date}} on {{renewal_date}}{{/renewal_date}}{{^renewal_date}} soon{{/renewal_date}}',
    html: `<p>Hi {{contact_name}},</p>
<p>A friendly reminder: the subscription of {{account_name}} renews{{#renewal_date}} on {{renewal_date}}{{/renewal_date}}{{^renewal_date}} soon{{/renewal_date}}{{#amount}} for {{amount}}{{/amount}}.</p>
<p>Nothing to do if everything is right. If you want to change your plan or seats, just reply before then.</p>`,
    text: `Hi {{contact_name}},

A friendly reminder: the subscription of {{account_name}} renews{{#renewal_date}} on {{renewal_date}}{{/renewal_date}}{{^renewal_date}} soon{{/renewal_date}}{{#amount}} for {{amount}}{{/amount}}.

Nothing to do if everything is right. If you want to change your plan or seats, just reply before then.`,
  },
  automation_suggestion: {
    subject: 'A way to save your team some time',
    html: `<p>Hi {{contact_name}},</p>
<p>We noticed your team does {{feature_name}}{{^feature_name}}the same task{{/feature_name}} many times a week. It can run on its own.</p>
{{#action_url}}<p><a href="{{action_url}}">Set up the automation</a> in a couple of minutes.</p>{{/action_url}}
<p>Happy to walk you through it: just reply.</p>`,
    text: `Hi {{contact_name}},

We noticed your team does {{feature_name}}{{^feature_name}}the same task{{/feature_name}} many times a week. It can run on its own.
{{#action_url}}
Set up the automation in a couple of minutes: {{action_url}}
{{/action_url}}
Happy to walk you through it: just reply.`,
  },
  offboarding_survey: {
    subject: 'Sorry to see you go: one question',
    html: `<p>Hi {{contact_name}},</p>
<p>We are sorry {{account_name}} is leaving. What is the main reason you decided to cancel?</p>
{{#survey_url}}<p><a href="{{survey_url}}">Answer in 30 seconds</a></p>{{/survey_url}}{{^survey_url}}<p>Just reply to this email: every answer is read.</p>{{/survey_url}}
<p>Thank you for having been a customer.</p>`,
    text: `Hi {{contact_name}},

We are sorry {{account_name}} is leaving. What is the main reason you decided to cancel?
{{#survey_url}}
Answer in 30 seconds: {{survey_url}}
{{/survey_url}}{{^survey_url}}
Just reply to this email: every answer is read.
{{/survey_url}}
Thank you for having been a customer.`,
  },
  win_back: {
    subject: 'A lot has changed since you left',
    html: `<p>Hi {{contact_name}},</p>
<p>Since {{account_name}} left we have shipped many improvements, some of them because of customers like you.</p>
{{#offer_url}}<p><a href="{{offer_url}}">Come back{{#discount_percent}} with {{discount_percent}}% off{{/discount_percent}}</a></p>{{/offer_url}}
<p>Your data is still here if you want to pick up where you left off.</p>`,
    text: `Hi {{contact_name}},

Since {{account_name}} left we have shipped many improvements, some of them because of customers like you.
{{#offer_url}}
Come back{{#discount_percent}} with {{discount_percent}}% off{{/discount_percent}}: {{offer_url}}
{{/offer_url}}
Your data is still here if you want to pick up where you left off.`,
  },
  payment_failed: {
    subject: 'Your payment of {{amount}} did not go through',
    html: `<p>Hi {{contact_name}},</p>
<p>We could not collect the payment of {{amount}} for invoice {{invoice_id}} of {{account_name}}{{#attempt}} (attempt {{attempt}}){{/attempt}}. This usually means an expired card or a limit: no service is interrupted yet.</p>
<p><a href="{{update_payment_url}}">Update your payment method</a></p>
<p>We will retry automatically. Reply to this email if you need help.</p>`,
    text: `Hi {{contact_name}},

We could not collect the payment of {{amount}} for invoice {{invoice_id}} of {{account_name}}{{#attempt}} (attempt {{attempt}}){{/attempt}}. This usually means an expired card or a limit: no service is interrupted yet.

Update your payment method: {{update_payment_url}}

We will retry automatically. Reply to this email if you need help.`,
  },
  payment_final_notice: {
    subject: 'Final notice: invoice {{invoice_id}} is unpaid',
    html: `<p>Hi {{contact_name}},</p>
<p>After several attempts we still could not collect {{amount}} for invoice {{invoice_id}} of {{account_name}}. Without payment the subscription will be cancelled{{#final_date}} on {{final_date}}{{/final_date}}.</p>
<p><a href="{{update_payment_url}}">Update your payment method now</a></p>
<p>If you think this is a mistake, reply and we will sort it out.</p>`,
    text: `Hi {{contact_name}},

After several attempts we still could not collect {{amount}} for invoice {{invoice_id}} of {{account_name}}. Without payment the subscription will be cancelled{{#final_date}} on {{final_date}}{{/final_date}}.

Update your payment method now: {{update_payment_url}}

If you think this is a mistake, reply and we will sort it out.`,
  },
  card_expiring: {
    subject: 'Your card ending in {{last4}} expires soon',
    html: `<p>Hi {{contact_name}},</p>
<p>The card ending in {{last4}} that pays for {{account_name}} expires on {{expires_on}}. Update it now to avoid a failed payment.</p>
<p><a href="{{update_payment_url}}">Update your card</a></p>`,
    text: `Hi {{contact_name}},

The card ending in {{last4}} that pays for {{account_name}} expires on {{expires_on}}. Update it now to avoid a failed payment.

Update your card: {{update_payment_url}}`,
  },
};
