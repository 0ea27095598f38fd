import { z } from 'zod';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { type TEmailSettings, toEmailSettings } from './email-settings-shape.ts';
import { getEmailSettings } from './get-email-settings.ts';

const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM (24 h)');
const ZEmail = z.email();

/** A change of settings: absent fields stay as they are, null clears (the password too). */
export const ZEmailSettingsPatch = z.strictObject({
  smtp_host: z.string().min(1).max(255).nullable().optional(),
  smtp_port: z.number().int().min(1).max(65535).optional(),
  smtp_secure: z.boolean().optional(),
  smtp_username: z.string().max(255).nullable().optional(),
  smtp_password: z.string().max(1000).nullable().optional(),
  from_address: ZEmail.nullable().optional(),
  from_name: z.string().max(200).nullable().optional(),
  reply_to: ZEmail.nullable().optional(),
  window: z
    .strictObject({
      start: ZTime,
      end: ZTime,
      days: z
        .array(z.number().int().min(1).max(7))
        .min(1)
        .refine((d) => new Set(d).size === d.length, 'each day at most once'),
    })
    .nullable()
    .optional(),
  default_locale: z.enum(['en', 'es']).optional(),
  public_url: z
    .url({ protocol: /^https?$/ })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
});
export type TEmailSettingsPatch = z.input<typeof ZEmailSettingsPatch>;

export async function updateEmailSettings({
  db,
  workspaceId,
  patch,
}: {
  db: TDb;
  workspaceId: string;
  patch: unknown;
}): Promise<TEmailSettings> {
  const parsed = ZEmailSettingsPatch.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('invalid_input', `${issue.path.join('.') || 'settings'}: ${issue.message}`);
  }
  const { window, ...fields } = parsed.data;
  await getEmailSettings({ db, workspaceId });
  const windowColumns =
    window === undefined
      ? {}
      : window === null
        ? { window_start: null, window_end: null }
        : { window_start: window.start, window_end: window.end, window_days: window.days };
  const row = await db
    .updateTable('email_settings')
    .set({ ...fields, ...windowColumns, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toEmailSettings(row);
}
