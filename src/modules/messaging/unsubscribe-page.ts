import type { TLocale } from './builtin-templates.ts';

const copy: Record<TLocale, { title: string; ask: string; button: string; done: string }> = {
  en: {
    title: 'Unsubscribe',
    ask: 'Stop receiving these emails at',
    button: 'Unsubscribe',
    done: 'You are unsubscribed: no more emails will be sent to',
  },
  es: {
    title: 'Darse de baja',
    ask: '¿Dejar de recibir estos correos en',
    button: 'Darme de baja',
    done: 'Te has dado de baja: no enviaremos más correos a',
  },
};

/**
 * The public unsubscribe page: a confirm button (a GET never unsubscribes, since mail scanners follow
 * links), then the confirmation. The address is shown masked: the link may be forwarded.
 */
export function renderUnsubscribePage({
  locale,
  email,
  isDone,
}: {
  locale: TLocale;
  email: string;
  isDone: boolean;
}): string {
  const t = copy[locale];
  const masked = escapeHtml(maskEmail(email));
  const body = isDone
    ? `<p>${t.done} ${masked}.</p>`
    : `<p>${t.ask} ${masked}?</p>
<form method="post"><button type="submit">${t.button}</button></form>`;
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="robots" content="noindex"><title>${t.title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}
button{font-size:1rem;padding:.5rem 1rem}</style></head>
<body><h1>${t.title}</h1>
${body}
</body></html>`;
}

function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 2)}${'•'.repeat(Math.max(1, local.length - 2))}@${domain}`;
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
