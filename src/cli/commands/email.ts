import type { Command } from 'commander';
import type { EmailMessageStatus } from '../../db/schema-messaging.ts';
import { AppError } from '../../errors.ts';
import { deleteEmailSuppression } from '../../modules/messaging/delete-email-suppression.ts';
import { type TEmailSettings, toEmailSettings } from '../../modules/messaging/email-settings-shape.ts';
import { findEmailMessages, type TEmailMessage } from '../../modules/messaging/find-email-messages.ts';
import { findEmailSuppressions } from '../../modules/messaging/find-email-suppressions.ts';
import { findEmailTemplates, type TEmailTemplate } from '../../modules/messaging/find-email-templates.ts';
import { getEmailSettings } from '../../modules/messaging/get-email-settings.ts';
import { sendTestEmail } from '../../modules/messaging/send-test-email.ts';
import { suppressEmail, type TSuppressionReason } from '../../modules/messaging/suppress-email.ts';
import { updateEmailSettings } from '../../modules/messaging/update-email-settings.ts';
import { resolveContext, type TContext, withStore } from '../context.ts';
import { printOutput } from '../output/print-output.ts';
import { parsePositiveInt } from '../parse-args.ts';

type TSettingsOptions = {
  smtpHost?: string;
  smtpPort?: number;
  smtpSecure?: boolean;
  smtpUsername?: string;
  smtpPassword?: string;
  from?: string;
  fromName?: string;
  replyTo?: string;
  window?: string | false;
  windowDays?: string;
  locale?: string;
  publicUrl?: string;
  test?: string;
};

/** The flags given, as a settings patch; `--window 09:00-17:00 --window-days 1,2,3,4,5`, `--no-window`. */
function toPatch(o: TSettingsOptions, current: TEmailSettings): Record<string, unknown> {
  const patch: Record<string, unknown> = {
    smtp_host: o.smtpHost,
    smtp_port: o.smtpPort,
    smtp_secure: o.smtpSecure,
    smtp_username: o.smtpUsername,
    smtp_password: o.smtpPassword,
    from_address: o.from,
    from_name: o.fromName,
    reply_to: o.replyTo,
    default_locale: o.locale,
    public_url: o.publicUrl,
  };
  if (o.window === false) patch.window = null;
  else if (o.window !== undefined || o.windowDays !== undefined) {
    const [start, end] = o.window?.split('-') ?? [
      current.window?.start ?? '09:00',
      current.window?.end ?? '17:00',
    ];
    if (!start || !end) throw new AppError('invalid_usage', `--window takes HH:MM-HH:MM, got "${o.window}"`);
    const days = o.windowDays?.split(',').map((d) => Number(d.trim())) ??
      current.window?.days ?? [1, 2, 3, 4, 5];
    patch.window = { start, end, days };
  }
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}

function printSettings(context: TContext, settings: TEmailSettings): void {
  const window = settings.window
    ? `${settings.window.start}–${settings.window.end} days ${settings.window.days.join(',')}`
    : 'any time';
  const rows = [
    ['smtp', settings.smtp_host ? `${settings.smtp_host}:${settings.smtp_port}` : '(not set)'],
    ['tls', settings.smtp_secure ? 'yes' : 'no (STARTTLS when offered)'],
    ['username', settings.smtp_username ?? ''],
    ['password', settings.has_password ? '(set)' : '(none)'],
    [
      'from',
      settings.from_name
        ? `${settings.from_name} <${settings.from_address}>`
        : (settings.from_address ?? '(not set)'),
    ],
    ['reply to', settings.reply_to ?? ''],
    ['sending window', window],
    ['default locale', settings.default_locale],
    ['public url', settings.public_url],
  ].map(([setting, value]) => ({ setting: setting!, value: value! }));
  printOutput<{ setting: string; value: string }>({
    format: context.format,
    json: settings,
    rows,
    table: {
      rows,
      columns: [
        { header: 'Setting', value: (r) => r.setting, align: 'left' },
        { header: 'Value', value: (r) => r.value, align: 'left' },
      ],
    },
  });
}

export function registerEmailCommands(program: Command): void {
  const email = program
    .command('email')
    .description('email: SMTP settings, templates, suppressions, the message log');

  email
    .command('settings')
    .description('show email settings, or change them with the flags (--test sends a test email)')
    .option('--smtp-host <host>', 'SMTP server')
    .option('--smtp-port <port>', 'SMTP port (default 587)', parsePositiveInt)
    .option('--smtp-secure', 'TLS from the start (port 465)')
    .option('--no-smtp-secure', 'plain connection upgraded by STARTTLS when offered')
    .option('--smtp-username <user>', 'SMTP user')
    .option('--smtp-password <password>', 'SMTP password (stored; never shown)')
    .option('--from <address>', 'sender address')
    .option('--from-name <name>', 'sender name')
    .option('--reply-to <address>', 'reply-to address')
    .option('--window <HH:MM-HH:MM>', 'sending hours in the workspace time zone')
    .option('--window-days <days>', 'ISO days of the window, 1 = Monday, e.g. 1,2,3,4,5')
    .option('--no-window', 'send at any time')
    .option('--locale <en|es>', 'language of contacts without a locale attribute')
    .option('--public-url <url>', 'base URL of tracking and unsubscribe links')
    .option('--test <address>', 'then send a test email to this address')
    .action(async (options: TSettingsOptions, command: Command) => {
      const context = resolveContext(command);
      await withStore(context, async (store) => {
        const db = store.db;
        const workspaceId = context.workspaceId;
        const current = toEmailSettings(await getEmailSettings({ db, workspaceId }));
        const patch = toPatch(options, current);
        const settings =
          Object.keys(patch).length > 0 ? await updateEmailSettings({ db, workspaceId, patch }) : current;
        if (options.test) {
          const sent = await sendTestEmail({ db, workspaceId, to: options.test });
          process.stderr.write(`test email to ${sent.to}: ${sent.smtp_response}\n`);
        }
        printSettings(context, settings);
      });
    });

  email
    .command('templates')
    .description(
      'every template per locale: built-in and custom (change them with PUT /v1/email-templates/{id})',
    )
    .action(async (_options: unknown, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        findEmailTemplates({ db: store.db, workspaceId: context.workspaceId }),
      );
      printOutput<TEmailTemplate>({
        format: context.format,
        json: result,
        rows: result.templates.map(({ html: _h, text: _t, ...t }) => ({
          ...t,
          variables: t.variables.join(' '),
        })),
        table: {
          rows: result.templates,
          columns: [
            { header: 'Template', value: (t) => t.id, align: 'left' },
            { header: 'Locale', value: (t) => t.locale, align: 'left' },
            { header: 'Custom', value: (t) => (t.is_custom ? 'yes' : ''), align: 'left' },
            { header: 'Variables', value: (t) => t.variables.join(' '), align: 'left' },
            { header: 'Subject', value: (t) => t.subject, align: 'left' },
          ],
        },
      });
    });

  email
    .command('suppress [address]')
    .description('stop emailing an address (--remove lets it receive email again); without one, list them')
    .option('--reason <reason>', 'manual (default), bounced or unsubscribed')
    .option('--remove', 'remove the address from the list')
    .action(
      async (
        address: string | undefined,
        options: { reason?: string; remove?: boolean },
        command: Command,
      ) => {
        const context = resolveContext(command);
        const workspaceId = context.workspaceId;
        const result = await withStore(context, async (store) => {
          if (address && options.remove)
            await deleteEmailSuppression({ db: store.db, workspaceId, email: address });
          else if (address) {
            await suppressEmail({
              db: store.db,
              workspaceId,
              email: address,
              reason: parseReason(options.reason),
            });
          }
          return findEmailSuppressions({ db: store.db, workspaceId });
        });
        const rows = result.suppressions;
        printOutput<(typeof rows)[number]>({
          format: context.format,
          json: result,
          rows: rows.map((r) => ({ ...r })),
          table: {
            rows,
            empty: 'no suppressed addresses',
            columns: [
              { header: 'Address', value: (r) => r.email, align: 'left' },
              { header: 'Reason', value: (r) => r.reason, align: 'left' },
              { header: 'Since', value: (r) => r.created_at, align: 'left' },
            ],
          },
        });
      },
    );

  email
    .command('messages')
    .description('the email log, newest first')
    .option('--account <id>', 'only this account')
    .option('--status <status>', 'queued, sent, failed, suppressed or uncertain')
    .option('--limit <n>', 'at most this many (default 100)', parsePositiveInt)
    .action(async (options: { account?: string; status?: string; limit?: number }, command: Command) => {
      const context = resolveContext(command);
      const statuses = ['queued', 'sent', 'failed', 'suppressed', 'uncertain'];
      if (options.status && !statuses.includes(options.status)) {
        throw new AppError('invalid_usage', `--status is one of ${statuses.join(', ')}`);
      }
      const result = await withStore(context, (store) =>
        findEmailMessages({
          db: store.db,
          workspaceId: context.workspaceId,
          accountId: options.account,
          status: options.status as EmailMessageStatus | undefined,
          limit: options.limit,
        }),
      );
      printOutput<TEmailMessage>({
        format: context.format,
        json: result,
        rows: result.messages.map((m) => ({ ...m })),
        table: {
          rows: result.messages,
          empty: 'no messages',
          columns: [
            { header: 'Created', value: (m) => m.created_at, align: 'left' },
            { header: 'To', value: (m) => m.to_email, align: 'left' },
            { header: 'Template', value: (m) => `${m.template_id} (${m.locale})`, align: 'left' },
            { header: 'Status', value: (m) => m.status, align: 'left' },
            { header: 'Send at', value: (m) => m.sent_at ?? m.send_at ?? '', align: 'left' },
            { header: 'Error', value: (m) => m.error ?? '', align: 'left' },
          ],
        },
      });
    });
}

function parseReason(reason: string | undefined): TSuppressionReason {
  if (reason === undefined) return 'manual';
  if (reason === 'manual' || reason === 'bounced' || reason === 'unsubscribed') return reason;
  throw new AppError('invalid_usage', '--reason is manual, bounced or unsubscribed');
}
