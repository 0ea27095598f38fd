import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { useT } from '../i18n.ts';
import type { TEmailSettings, TLocale } from '../types.ts';
import { QueryState } from './query-state.tsx';

const DAYS = [1, 2, 3, 4, 5, 6, 7];

/** SMTP, sender, sending window, default language and link base (admin only). */
export function SettingsEmail() {
  const t = useT();
  const settings = useQuery({
    queryKey: ['email-settings'],
    queryFn: () => api<TEmailSettings>('/v1/email-settings'),
  });
  return (
    <section className="card" aria-labelledby="email-title">
      <h2 id="email-title">{t('email.title')}</h2>
      <QueryState query={settings}>{(data) => <EmailForm initial={data} />}</QueryState>
      <TestEmail />
    </section>
  );
}

/** The password is write-only: left empty it stays as it is; "remove" clears it. */
function EmailForm({ initial }: { initial: TEmailSettings }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    smtp_host: initial.smtp_host ?? '',
    smtp_port: initial.smtp_port,
    smtp_secure: initial.smtp_secure,
    smtp_username: initial.smtp_username ?? '',
    from_address: initial.from_address ?? '',
    from_name: initial.from_name ?? '',
    reply_to: initial.reply_to ?? '',
    default_locale: initial.default_locale,
    public_url: initial.public_url,
  });
  const [password, setPassword] = useState('');
  const [clearPassword, setClearPassword] = useState(false);
  const [hasWindow, setHasWindow] = useState(initial.window !== null);
  const [sendWindow, setSendWindow] = useState(
    initial.window ?? { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
  );
  const save = useMutation({
    mutationFn: () => {
      const orNull = (value: string) => value.trim() || null;
      const body: Record<string, unknown> = {
        smtp_host: orNull(form.smtp_host),
        smtp_port: form.smtp_port,
        smtp_secure: form.smtp_secure,
        smtp_username: orNull(form.smtp_username),
        from_address: orNull(form.from_address),
        from_name: orNull(form.from_name),
        reply_to: orNull(form.reply_to),
        default_locale: form.default_locale,
        public_url: form.public_url.trim(),
        window: hasWindow ? sendWindow : null,
      };
      if (clearPassword) body.smtp_password = null;
      else if (password) body.smtp_password = password;
      return api<TEmailSettings>('/v1/email-settings', { method: 'PUT', body });
    },
    onSuccess: (saved) => {
      setPassword('');
      setClearPassword(false);
      queryClient.setQueryData(['email-settings'], saved);
    },
  });
  const text = (key: keyof typeof form) => ({
    value: String(form[key]),
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
  });
  const toggleDay = (day: number) =>
    setSendWindow((w) => ({
      ...w,
      days: w.days.includes(day) ? w.days.filter((d) => d !== day) : [...w.days, day].sort(),
    }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="stack wide" onSubmit={submit} aria-label={t('email.title')}>
      <fieldset>
        <legend>{t('email.smtp')}</legend>
        <div className="row">
          <label>
            {t('email.host')}
            <input {...text('smtp_host')} placeholder="smtp.example.com" />
          </label>
          <label>
            {t('email.port')}
            <input
              type="number"
              min={1}
              max={65535}
              className="narrow"
              value={form.smtp_port}
              onChange={(e) => setForm((f) => ({ ...f, smtp_port: Number(e.target.value) }))}
            />
          </label>
          <label className="inline">
            <input
              type="checkbox"
              checked={form.smtp_secure}
              onChange={(e) => setForm((f) => ({ ...f, smtp_secure: e.target.checked }))}
            />
            {t('email.secure')}
          </label>
        </div>
        <div className="row">
          <label>
            {t('email.username')}
            <input {...text('smtp_username')} autoComplete="off" />
          </label>
          <label>
            {t('email.password')}
            <input
              type="password"
              autoComplete="new-password"
              value={password}
              disabled={clearPassword}
              placeholder={initial.has_password ? t('billing.setKeep') : t('billing.notSet')}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {initial.has_password ? (
            <label className="inline">
              <input
                type="checkbox"
                checked={clearPassword}
                onChange={(e) => setClearPassword(e.target.checked)}
              />
              {t('email.clearPassword')}
            </label>
          ) : null}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('email.sender')}</legend>
        <div className="row">
          <label>
            {t('email.fromAddress')}
            <input type="email" {...text('from_address')} />
          </label>
          <label>
            {t('email.fromName')}
            <input {...text('from_name')} />
          </label>
          <label>
            {t('email.replyTo')}
            <input type="email" {...text('reply_to')} />
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('email.window')}</legend>
        <label className="inline">
          <input type="checkbox" checked={!hasWindow} onChange={(e) => setHasWindow(!e.target.checked)} />
          {t('email.anyTime')}
        </label>
        {hasWindow ? (
          <div className="row">
            <label>
              {t('email.windowStart')}
              <input
                type="time"
                value={sendWindow.start}
                onChange={(e) => setSendWindow((w) => ({ ...w, start: e.target.value }))}
              />
            </label>
            <label>
              {t('email.windowEnd')}
              <input
                type="time"
                value={sendWindow.end}
                onChange={(e) => setSendWindow((w) => ({ ...w, end: e.target.value }))}
              />
            </label>
            <fieldset aria-label={t('email.days')} className="days">
              {DAYS.map((day) => (
                <label key={day} className="inline">
                  <input
                    type="checkbox"
                    checked={sendWindow.days.includes(day)}
                    onChange={() => toggleDay(day)}
                  />
                  {t(`email.day${day}` as 'email.day1')}
                </label>
              ))}
            </fieldset>
          </div>
        ) : null}
        <p className="muted">{t('email.windowHelp')}</p>
      </fieldset>
      <div className="row">
        <label>
          {t('email.defaultLocale')}
          <select
            value={form.default_locale}
            onChange={(e) => setForm((f) => ({ ...f, default_locale: e.target.value as TLocale }))}
          >
            <option value="en">English</option>
            <option value="es">Español</option>
          </select>
        </label>
        <label className="grow">
          {t('email.publicUrl')}
          <input type="url" required {...text('public_url')} />
        </label>
      </div>
      {save.isError ? (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      ) : null}
      {save.isSuccess ? <p role="status">{t('billing.saved')}</p> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('email.save')}
        </button>
      </div>
    </form>
  );
}

/** Sends one email now through the saved settings and shows what the SMTP server answered. */
function TestEmail() {
  const t = useT();
  const [to, setTo] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api<{ to: string; accepted: boolean; smtp_response: string }>('/v1/email-settings/test', {
        method: 'POST',
        body: { to },
      }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="test-email-title">
      <h3 id="test-email-title">{t('email.test')}</h3>
      <div className="row">
        <label>
          {t('email.testTo')}
          <input type="email" required value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" disabled={send.isPending}>
          {t('email.sendTest')}
        </button>
      </div>
      {send.isError ? (
        <p className="error" role="alert">
          {send.error.message}
        </p>
      ) : null}
      {send.isSuccess ? (
        <p role="status">
          {send.data.accepted ? t('email.testAccepted', { to: send.data.to }) : t('email.testRejected')}{' '}
          <code>{send.data.smtp_response}</code>
        </p>
      ) : null}
    </form>
  );
}
