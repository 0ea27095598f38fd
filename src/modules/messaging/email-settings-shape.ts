import type { TEmailSettingsRow } from './get-email-settings.ts';

/** Settings as the API and CLI show them: the password and the tracking secret never leave the server. */
export type TEmailSettings = {
  smtp_host: string | null;
  smtp_port: number;
  smtp_secure: boolean;
  smtp_username: string | null;
  has_password: boolean;
  from_address: string | null;
  from_name: string | null;
  reply_to: string | null;
  /** null = no sending window: emails go out as soon as they are queued. */
  window: { start: string; end: string; days: number[] } | null;
  default_locale: 'en' | 'es';
  public_url: string;
  updated_at: string;
};

export function toEmailSettings(row: TEmailSettingsRow): TEmailSettings {
  return {
    smtp_host: row.smtp_host,
    smtp_port: row.smtp_port,
    smtp_secure: row.smtp_secure,
    smtp_username: row.smtp_username,
    has_password: Boolean(row.smtp_password),
    from_address: row.from_address,
    from_name: row.from_name,
    reply_to: row.reply_to,
    window:
      row.window_start && row.window_end
        ? { start: row.window_start, end: row.window_end, days: row.window_days }
        : null,
    default_locale: row.default_locale,
    public_url: row.public_url,
    updated_at: row.updated_at.toISOString(),
  };
}
