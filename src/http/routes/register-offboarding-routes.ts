import type { OpenAPIHono } from '@hono/zod-openapi';
import type { TStore } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getOffboardingForm } from '../../modules/retention/get-offboarding-form.ts';
import {
  renderOffboardingForm,
  renderOffboardingInvalid,
  renderOffboardingThanks,
} from '../../modules/retention/render-offboarding-page.ts';
import { submitOffboardingSurvey } from '../../modules/retention/submit-offboarding-survey.ts';
import type { TAppEnv } from '../env.ts';

/**
 * The public offboarding survey (issue 4 §7): no session or key, the signed token in the URL is the only
 * credential (modules/retention/offboarding-token.ts). HTML in and out, so it works from any email client
 * without JavaScript. Registered before the dashboard's SPA fallback.
 */
export function registerOffboardingRoutes(app: OpenAPIHono<TAppEnv>, store: TStore): void {
  app.get('/offboarding/:token', async (c) => {
    const lang = c.req.query('lang');
    try {
      const form = await getOffboardingForm({ db: store.db, token: c.req.param('token'), lang });
      return c.html(renderOffboardingForm(form, c.req.param('token')), 200, noStore);
    } catch (error) {
      if (isNotFound(error)) return c.html(renderOffboardingInvalid(lang === 'es' ? 'es' : 'en'), 404);
      throw error;
    }
  });

  app.post('/offboarding/:token', async (c) => {
    const token = c.req.param('token');
    const body = await c.req.parseBody();
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
    const lang = text('lang') ?? c.req.query('lang');
    const score = text('score');
    try {
      const result = await submitOffboardingSurvey({
        store,
        token,
        reason: text('reason') ?? '',
        score: score !== undefined && /^\d{1,2}$/.test(score) ? Number(score) : Number.NaN,
        comment: text('comment'),
        lang,
      });
      return c.html(renderOffboardingThanks(result.form.lang), 200, noStore);
    } catch (error) {
      if (isNotFound(error)) return c.html(renderOffboardingInvalid(lang === 'es' ? 'es' : 'en'), 404);
      if (error instanceof AppError && error.code === 'invalid_input') {
        const form = await getOffboardingForm({ db: store.db, token, lang });
        return c.html(renderOffboardingForm(form, token, error.message), 400, noStore);
      }
      throw error;
    }
  });
}

const noStore = { 'cache-control': 'no-store' };

function isNotFound(error: unknown): boolean {
  return error instanceof AppError && error.code === 'not_found';
}
