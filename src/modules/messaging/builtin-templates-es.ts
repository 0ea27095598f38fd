import type { TTemplateContent } from './builtin-templates.ts';

/** Spanish copy of the built-in templates: same variables and sections as builtin-templates-en.ts. */
export const builtinTemplatesEs: Record<string, TTemplateContent> = {
  onboarding_welcome: {
    subject: 'Te damos la bienvenida, {{contact_name}}',
    html: `<p>Hola, {{contact_name}}:</p>
<p>¡Bienvenido! {{account_name}} ya está lista y queremos que tus primeras semanas sean un éxito.</p>
{{#getting_started_url}}<p><a href="{{getting_started_url}}">Empieza por la guía de inicio</a>: son diez minutos.</p>{{/getting_started_url}}
<p>Si tienes cualquier duda, responde a este correo: te contestará una persona de verdad.</p>
<p>{{csm_name}}{{^csm_name}}El equipo de éxito del cliente{{/csm_name}}</p>`,
    text: `Hola, {{contact_name}}:

¡Bienvenido! {{account_name}} ya está lista y queremos que tus primeras semanas sean un éxito.
{{#getting_started_url}}
Empieza por la guía de inicio (son diez minutos): {{getting_started_url}}
{{/getting_started_url}}
Si tienes cualquier duda, responde a este correo: te contestará una persona de verdad.

{{csm_name}}{{^csm_name}}El equipo de éxito del cliente{{/csm_name}}`,
  },
  detractor_follow_up: {
    subject: 'Gracias por tu opinión sincera',
    html: `<p>Hola, {{contact_name}}:</p>
<p>Gracias por contarnos cómo lo estamos haciendo{{#score}} (nos diste un {{score}}){{/score}}. Está claro que no estuvimos a la altura y queremos arreglarlo.</p>
<p>¿Nos respondes con lo que más te decepcionó? Leo personalmente cada respuesta y te contestaré.</p>
<p>{{csm_name}}{{^csm_name}}El equipo de éxito del cliente{{/csm_name}}</p>`,
    text: `Hola, {{contact_name}}:

Gracias por contarnos cómo lo estamos haciendo{{#score}} (nos diste un {{score}}){{/score}}. Está claro que no estuvimos a la altura y queremos arreglarlo.

¿Nos respondes con lo que más te decepcionó? Leo personalmente cada respuesta y te contestaré.

{{csm_name}}{{^csm_name}}El equipo de éxito del cliente{{/csm_name}}`,
  },
  annual_offer: {
    subject:
      'Ahorra{{#discount_percent}} un {{discount_percent}} %{{/discount_percent}} con la facturación anual',
    html: `<p>Hola, {{contact_name}}:</p>
<p>{{account_name}} lleva un tiempo con nosotros, así que te hacemos una oferta: pásate a la facturación anual y ahorra{{#discount_percent}} un {{discount_percent}} %{{/discount_percent}} frente al pago mensual.</p>
{{#offer_url}}<p><a href="{{offer_url}}">Ver el plan anual</a></p>{{/offer_url}}
<p>El mismo producto, una sola factura al año y nada más cambia.</p>`,
    text: `Hola, {{contact_name}}:

{{account_name}} lleva un tiempo con nosotros, así que te hacemos una oferta: pásate a la facturación anual y ahorra{{#discount_percent}} un {{discount_percent}} %{{/discount_percent}} frente al pago mensual.
{{#offer_url}}
Ver el plan anual: {{offer_url}}
{{/offer_url}}
El mismo producto, una sola factura al año y nada más cambia.`,
  },
  renewal_reminder: {
    subject:
      'Tu suscripción se renueva{{#renewal_date}} el {{renewal_date}}{{/renewal_date}}{{^renewal_date}} pronto{{/renewal_date}}',
    html: `<p>Hola, {{contact_name}}:</p>
<p>Un recordatorio: la suscripción de {{account_name}} se renueva{{#renewal_date}} el {{renewal_date}}{{/renewal_date}}{{^renewal_date}} pronto{{/renewal_date}}{{#amount}} por {{amount}}{{/amount}}.</p>
<p>Si todo está bien, no tienes que hacer nada. Si quieres cambiar de plan o de número de usuarios, responde antes de esa fecha.</p>`,
    text: `Hola, {{contact_name}}:

Un recordatorio: la suscripción de {{account_name}} se renueva{{#renewal_date}} el {{renewal_date}}{{/renewal_date}}{{^renewal_date}} pronto{{/renewal_date}}{{#amount}} por {{amount}}{{/amount}}.

Si todo está bien, no tienes que hacer nada. Si quieres cambiar de plan o de número de usuarios, responde antes de esa fecha.`,
  },
  automation_suggestion: {
    subject: 'Una forma de ahorrarle tiempo a tu equipo',
    html: `<p>Hola, {{contact_name}}:</p>
<p>Hemos visto que tu equipo hace {{feature_name}}{{^feature_name}}la misma tarea{{/feature_name}} muchas veces por semana. Puede hacerse sola.</p>
{{#action_url}}<p><a href="{{action_url}}">Configura la automatización</a> en un par de minutos.</p>{{/action_url}}
<p>Si quieres, te lo enseñamos: solo tienes que responder.</p>`,
    text: `Hola, {{contact_name}}:

Hemos visto que tu equipo hace {{feature_name}}{{^feature_name}}la misma tarea{{/feature_name}} muchas veces por semana. Puede hacerse sola.
{{#action_url}}
Configura la automatización en un par de minutos: {{action_url}}
{{/action_url}}
Si quieres, te lo enseñamos: solo tienes que responder.`,
  },
  offboarding_survey: {
    subject: 'Sentimos que te vayas: una pregunta',
    html: `<p>Hola, {{contact_name}}:</p>
<p>Sentimos que {{account_name}} se vaya. ¿Cuál es el motivo principal por el que has cancelado?</p>
{{#survey_url}}<p><a href="{{survey_url}}">Responde en 30 segundos</a></p>{{/survey_url}}{{^survey_url}}<p>Basta con responder a este correo: leemos todas las respuestas.</p>{{/survey_url}}
<p>Gracias por haber sido cliente.</p>`,
    text: `Hola, {{contact_name}}:

Sentimos que {{account_name}} se vaya. ¿Cuál es el motivo principal por el que has cancelado?
{{#survey_url}}
Responde en 30 segundos: {{survey_url}}
{{/survey_url}}{{^survey_url}}
Basta con responder a este correo: leemos todas las respuestas.
{{/survey_url}}
Gracias por haber sido cliente.`,
  },
  win_back: {
    subject: 'Han cambiado muchas cosas desde que te fuiste',
    html: `<p>Hola, {{contact_name}}:</p>
<p>Desde que {{account_name}} se fue hemos lanzado muchas mejoras, algunas gracias a clientes como tú.</p>
{{#offer_url}}<p><a href="{{offer_url}}">Vuelve{{#discount_percent}} con un {{discount_percent}} % de descuento{{/discount_percent}}</a></p>{{/offer_url}}
<p>Tus datos siguen aquí por si quieres continuar donde lo dejaste.</p>`,
    text: `Hola, {{contact_name}}:

Desde que {{account_name}} se fue hemos lanzado muchas mejoras, algunas gracias a clientes como tú.
{{#offer_url}}
Vuelve{{#discount_percent}} con un {{discount_percent}} % de descuento{{/discount_percent}}: {{offer_url}}
{{/offer_url}}
Tus datos siguen aquí por si quieres continuar donde lo dejaste.`,
  },
  payment_failed: {
    subject: 'No hemos podido cobrar tu pago de {{amount}}',
    html: `<p>Hola, {{contact_name}}:</p>
<p>No hemos podido cobrar el pago de {{amount}} de la factura {{invoice_id}} de {{account_name}}{{#attempt}} (intento {{attempt}}){{/attempt}}. Suele deberse a una tarjeta caducada o a un límite: de momento el servicio sigue activo.</p>
<p><a href="{{update_payment_url}}">Actualiza tu método de pago</a></p>
<p>Volveremos a intentarlo automáticamente. Responde a este correo si necesitas ayuda.</p>`,
    text: `Hola, {{contact_name}}:

No hemos podido cobrar el pago de {{amount}} de la factura {{invoice_id}} de {{account_name}}{{#attempt}} (intento {{attempt}}){{/attempt}}. Suele deberse a una tarjeta caducada o a un límite: de momento el servicio sigue activo.

Actualiza tu método de pago: {{update_payment_url}}

Volveremos a intentarlo automáticamente. Responde a este correo si necesitas ayuda.`,
  },
  payment_final_notice: {
    subject: 'Último aviso: la factura {{invoice_id}} está pendiente',
    html: `<p>Hola, {{contact_name}}:</p>
<p>Tras varios intentos seguimos sin poder cobrar {{amount}} de la factura {{invoice_id}} de {{account_name}}. Si no se paga, la suscripción se cancelará{{#final_date}} el {{final_date}}{{/final_date}}.</p>
<p><a href="{{update_payment_url}}">Actualiza ahora tu método de pago</a></p>
<p>Si crees que es un error, responde y lo resolvemos.</p>`,
    text: `Hola, {{contact_name}}:

Tras varios intentos seguimos sin poder cobrar {{amount}} de la factura {{invoice_id}} de {{account_name}}. Si no se paga, la suscripción se cancelará{{#final_date}} el {{final_date}}{{/final_date}}.

Actualiza ahora tu método de pago: {{update_payment_url}}

Si crees que es un error, responde y lo resolvemos.`,
  },
  card_expiring: {
    subject: 'Tu tarjeta acabada en {{last4}} caduca pronto',
    html: `<p>Hola, {{contact_name}}:</p>
<p>La tarjeta acabada en {{last4}} con la que paga {{account_name}} caduca el {{expires_on}}. Actualízala ahora para evitar un cobro fallido.</p>
<p><a href="{{update_payment_url}}">Actualizar la tarjeta</a></p>`,
    text: `Hola, {{contact_name}}:

La tarjeta acabada en {{last4}} con la que paga {{account_name}} caduca el {{expires_on}}. Actualízala ahora para evitar un cobro fallido.

Actualizar la tarjeta: {{update_payment_url}}`,
  },
};
