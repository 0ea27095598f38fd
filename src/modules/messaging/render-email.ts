import Mustache from 'mustache';
import type { TLocale, TTemplateContent } from './builtin-templates.ts';
import { signTrackingToken } from './tracking-token.ts';

export type TRenderEmail = {
  template: TTemplateContent;
  variables: Record<string, string | number | null>;
  locale: TLocale;
  publicUrl: string;
  trackingSecret: string;
  workspaceId: string;
  messageId: string;
};

export type TRenderedEmail = { subject: string; html: string; text: string; unsubscribeUrl: string };

const footer: Record<TLocale, { html: (url: string) => string; text: (url: string) => string }> = {
  en: {
    html: (url) =>
      `<p style="font-size:12px;color:#6b7280">Don't want these emails? <a href="${url}">Unsubscribe</a>.</p>`,
    text: (url) => `--\nDon't want these emails? Unsubscribe: ${url}`,
  },
  es: {
    html: (url) =>
      `<p style="font-size:12px;color:#6b7280">¿No quieres recibir estos correos? <a href="${url}">Darte de baja</a>.</p>`,
    text: (url) => `--\n¿No quieres recibir estos correos? Darte de baja: ${url}`,
  },
};

/**
 * Renders a template: variables HTML-escaped in the HTML part, verbatim in the text part and subject; then
 * every http(s) link of the HTML becomes a signed click-tracking URL, and the unsubscribe footer (both
 * parts) and the open pixel are appended. Links are rewritten before the footer so the unsubscribe link
 * stays direct.
 */
export function renderEmail(input: TRenderEmail): TRenderedEmail {
  const base = input.publicUrl.replace(/\/+$/, '');
  const sign = (purpose: 'open' | 'click' | 'unsubscribe', url?: string) =>
    signTrackingToken(input.trackingSecret, {
      workspaceId: input.workspaceId,
      messageId: input.messageId,
      purpose,
      url,
    });
  const unsubscribeUrl = `${base}/e/u/${sign('unsubscribe')}`;
  const view = { ...input.variables, unsubscribe_url: unsubscribeUrl };
  const verbatim = { escape: (value: unknown) => String(value) };
  const subject = Mustache.render(input.template.subject, view, undefined, verbatim)
    .replace(/\s+/g, ' ')
    .trim();
  const text = Mustache.render(input.template.text, view, undefined, verbatim);
  const body = Mustache.render(input.template.html, view).replace(
    /href="([^"]*)"/gi,
    (whole, raw: string) => {
      const url = decodeEntities(raw);
      if (!/^https?:\/\//i.test(url) || url === unsubscribeUrl) return whole;
      return `href="${escapeAttribute(`${base}/e/c/${sign('click', url)}`)}"`;
    },
  );
  const pixel = `<img src="${base}/e/o/${sign('open')}.gif" width="1" height="1" alt="" style="display:block">`;
  const tail = `${footer[input.locale].html(escapeAttribute(unsubscribeUrl))}${pixel}`;
  const html = /<\/body>/i.test(body) ? body.replace(/<\/body>/i, `${tail}</body>`) : `${body}\n${tail}`;
  return {
    subject,
    html,
    text: `${text.trimEnd()}\n\n${footer[input.locale].text(unsubscribeUrl)}\n`,
    unsubscribeUrl,
  };
}

/** The entities mustache (and template authors) write in attributes, back to the URL they stand for. */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|apos|lt|gt);/gi, (entity, code: string) => {
    const lower = code.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
    const named: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };
    return named[lower] ?? entity;
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
