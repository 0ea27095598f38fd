import type { OpenAPIHono } from '@hono/zod-openapi';
import type { TStore } from '../../db/connect.ts';
import { trackEmailClick } from '../../modules/messaging/track-email-click.ts';
import { trackEmailOpen } from '../../modules/messaging/track-email-open.ts';
import { unsubscribeByToken } from '../../modules/messaging/unsubscribe-by-token.ts';
import { renderUnsubscribePage } from '../../modules/messaging/unsubscribe-page.ts';
import { verifyTrackingToken } from '../../modules/messaging/verify-tracking-token.ts';
import type { TAppEnv } from '../env.ts';

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const noStore = { 'cache-control': 'no-store, private' };

/**
 * The public links inside emails (issue 4 §4), outside /v1 and without authentication: each carries a
 * token signed with the workspace's tracking secret, and any bad token is 404. Registered before the
 * dashboard's SPA fallback.
 */
export function registerEmailTrackingRoutes(app: OpenAPIHono<TAppEnv>, store: TStore): void {
  app.get('/e/o/:file{[A-Za-z0-9_.-]+\\.gif}', async (c) => {
    await trackEmailOpen({ store, token: c.req.param('file').slice(0, -'.gif'.length), now: new Date() });
    return c.body(new Uint8Array(PIXEL), 200, { 'content-type': 'image/gif', ...noStore });
  });
  app.get('/e/c/:token', async (c) => {
    const url = await trackEmailClick({ store, token: c.req.param('token'), now: new Date() });
    return c.redirect(url, 302);
  });
  app.get('/e/u/:token', async (c) => {
    const message = await verifyTrackingToken({
      db: store.db,
      token: c.req.param('token'),
      purpose: 'unsubscribe',
    });
    return c.html(
      renderUnsubscribePage({ locale: message.locale, email: message.toEmail, isDone: false }),
      200,
      {
        ...noStore,
        'referrer-policy': 'no-referrer',
      },
    );
  });
  // The confirm button and RFC 8058 one-click (`List-Unsubscribe=One-Click` in the body): the same effect.
  app.post('/e/u/:token', async (c) => {
    const message = await unsubscribeByToken({ store, token: c.req.param('token'), now: new Date() });
    return c.html(
      renderUnsubscribePage({ locale: message.locale, email: message.toEmail, isDone: true }),
      200,
      {
        ...noStore,
      },
    );
  });
}
