import nodemailer, { type Transporter } from 'nodemailer';
import { AppError } from '../../errors.ts';
import type { TEmailSettingsRow } from './get-email-settings.ts';

export const EMAIL_NOT_CONFIGURED =
  'email is not configured: set smtp_host and from_address (PUT /v1/email-settings or `tenure email settings`)';

/**
 * A nodemailer transport over the workspace's SMTP settings, and the From address. Throws `invalid_input`
 * when the workspace has no SMTP host or sender yet.
 */
export function createSmtpTransport(settings: TEmailSettingsRow): {
  transport: Transporter;
  from: { name: string; address: string } | string;
} {
  if (!settings.smtp_host || !settings.from_address) {
    throw new AppError('invalid_input', EMAIL_NOT_CONFIGURED);
  }
  const transport = nodemailer.createTransport({
    host: settings.smtp_host,
    port: settings.smtp_port,
    secure: settings.smtp_secure,
    auth: settings.smtp_username
      ? { user: settings.smtp_username, pass: settings.smtp_password ?? '' }
      : undefined,
  });
  const from = settings.from_name
    ? { name: settings.from_name, address: settings.from_address }
    : settings.from_address;
  return { transport, from };
}
