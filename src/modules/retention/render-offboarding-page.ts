import type { TOffboardingForm, TOffboardingLang } from './get-offboarding-form.ts';

const TEXT = {
  en: {
    title: 'Before you go',
    intro: (name: string) => `We are sorry to see ${name} leave. Two questions help us do better.`,
    reason: 'What is the main reason you are leaving?',
    score: 'How likely are you to come back? (0 = not at all, 10 = very likely)',
    comment: 'Anything else you want to tell us? (optional)',
    submit: 'Send',
    thanks: 'Thank you',
    thanksBody: 'Your answer has been recorded. The door is always open.',
    invalid: 'This survey link is not valid.',
  },
  es: {
    title: 'Antes de irte',
    intro: (name: string) => `Lamentamos que ${name} se vaya. Dos preguntas nos ayudan a mejorar.`,
    reason: '¿Cuál es el motivo principal de tu baja?',
    score: '¿Qué probabilidad hay de que vuelvas? (0 = ninguna, 10 = muy alta)',
    comment: '¿Algo más que quieras contarnos? (opcional)',
    submit: 'Enviar',
    thanks: 'Gracias',
    thanksBody: 'Hemos registrado tu respuesta. La puerta sigue abierta.',
    invalid: 'Este enlace de encuesta no es válido.',
  },
} as const;

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function page(lang: TOffboardingLang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
fieldset{border:1px solid #999;border-radius:.5rem;margin:1rem 0;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}
label{display:block;margin:.25rem 0}
.scale{display:flex;flex-wrap:wrap;gap:.5rem}.scale label{display:inline-flex;gap:.25rem}
textarea{width:100%;min-height:6rem}
button{font-size:1rem;padding:.5rem 1.25rem}
:focus-visible{outline:3px solid #1769e0;outline-offset:2px}
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

/**
 * The survey as a plain HTML form (works without JavaScript): native radios in fieldsets with legends,
 * labels on every control, the page language set, and an error (when re-shown) announced with role=alert.
 */
export function renderOffboardingForm(form: TOffboardingForm, token: string, error?: string): string {
  const t = TEXT[form.lang];
  const reasons = form.reasons
    .map(
      (r) =>
        `<label><input type="radio" name="reason" value="${escapeHtml(r.code)}" required> ${escapeHtml(
          form.lang === 'es' ? r.label_es : r.label_en,
        )}</label>`,
    )
    .join('\n');
  const scale = Array.from(
    { length: 11 },
    (_, n) => `<label><input type="radio" name="score" value="${n}" required> ${n}</label>`,
  ).join('\n');
  const alert = error ? `<p role="alert">${escapeHtml(error)}</p>` : '';
  return page(
    form.lang,
    t.title,
    `<h1>${t.title}</h1>
<p>${escapeHtml(t.intro(form.accountName))}</p>
${alert}
<form method="post" action="${escapeHtml(token)}">
<input type="hidden" name="lang" value="${form.lang}">
<fieldset><legend>${t.reason}</legend>
${reasons}
</fieldset>
<fieldset><legend>${t.score}</legend><div class="scale">
${scale}
</div></fieldset>
<label for="comment">${t.comment}</label>
<textarea id="comment" name="comment" maxlength="5000"></textarea>
<p><button type="submit">${t.submit}</button></p>
</form>`,
  );
}

export function renderOffboardingThanks(lang: TOffboardingLang): string {
  const t = TEXT[lang];
  return page(lang, t.thanks, `<h1>${t.thanks}</h1>\n<p>${t.thanksBody}</p>`);
}

export function renderOffboardingInvalid(lang: TOffboardingLang): string {
  const t = TEXT[lang];
  return page(lang, t.title, `<h1>${t.title}</h1>\n<p>${t.invalid}</p>`);
}
