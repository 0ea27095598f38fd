import { z } from 'zod';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { createSmtpTransport } from './create-smtp-transport.ts';
import { getEmailSettings } from './get-email-settings.ts';

/**
 * Sends a plain test email through the workspace's SMTP settings, at once (no queue, no tracking), so an
 * admin sees a wrong host or password right away. An SMTP failure is `invalid_input` with the server's words.
 */
export async function sendTestEmail({
  db,
  workspaceId,
  to,
}: {
  db: TDb;
  workspaceId: string;
  to: string;
}): Promise<{ to: string; accepted: boolean; smtp_response: string }> {
  if (!z.email().safeParse(to).success)
    throw new AppError('invalid_input', `"${to}" is not an email address`);
  const settings = await getEmailSettings({ db, workspaceId });
  const { transport, from } = createSmtpTransport(settings);
  try {
    const info = await transport.sendMail({
      from,
      to,
      replyTo: settings.reply_to ?? undefined,
      subject: 'Tenure test email',
      text: `This is a test email from Tenure (workspace ${workspaceId}). Your SMTP settings work.`,
    });
    return { to, accepted: (info.accepted ?? []).length > 0, smtp_response: String(info.response ?? '') };
  } catch (error) {
    throw new AppError(
      'invalid_input',
      `the SMTP server refused the test email: ${(error as Error).message}`,
    );
  } finally {
    transport.close();
  }
}
