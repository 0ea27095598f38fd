import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.ts';
import { useFormat } from '../format.ts';
import { type TMessageKey, useT } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { TDryRun } from '../types.ts';
import { stepSentence } from './playbook-text.tsx';

const LOOK_BACK_DAYS = [7, 30, 90];
const SKIP_REASONS = new Set(['conditions_not_met', 'already_enrolled', 'enrolled_within_once_per_days']);

/**
 * Who would enter the saved playbook now and what would happen to each, as sentences. By default the
 * window is the next evaluation's; looking further back shows what the playbook would have caught.
 */
export function PlaybookDryRun({ playbookId }: { playbookId: string }) {
  const t = useT();
  const [days, setDays] = useState(0);
  const run = useMutation({
    mutationFn: () => {
      const since = days > 0 ? new Date(Date.now() - days * 86_400_000).toISOString() : undefined;
      return api<TDryRun>(`/v1/playbooks/${encodeURIComponent(playbookId)}/dry-run`, {
        method: 'POST',
        body: since ? { since } : {},
      });
    },
  });
  return (
    <section className="card" aria-labelledby="dry-run-title">
      <h2 id="dry-run-title">{t('playbooks.dryRun')}</h2>
      <p className="muted">{t('playbooks.dryRunHint')}</p>
      <div className="row">
        <label>
          {t('playbooks.lookBack')}
          <select value={days} onChange={(event) => setDays(Number(event.target.value))}>
            <option value={0}>{t('playbooks.lookBackNext')}</option>
            {LOOK_BACK_DAYS.map((d) => (
              <option key={d} value={d}>
                {t('playbooks.lookBackDays', { days: d })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" disabled={run.isPending} onClick={() => run.mutate()}>
          {t('playbooks.runDryRun')}
        </button>
      </div>
      {run.isError ? <p className="error">{run.error.message}</p> : null}
      {run.data ? <DryRunResult result={run.data} /> : null}
    </section>
  );
}

function DryRunResult({ result }: { result: TDryRun }) {
  const t = useT();
  const format = useFormat();
  const at = (iso: string) => `${format.date(iso)} ${iso.slice(11, 16)} UTC`;
  return (
    <div className="dry-run" data-testid="dry-run-result">
      <p className="muted">{t('playbooks.dryRunWindow', { since: at(result.since), now: at(result.now) })}</p>
      <h3 role="status">
        {result.entering.length === 0
          ? t('playbooks.nobodyEnters')
          : t('playbooks.wouldEnter', { count: format.number(result.entering.length) })}
      </h3>
      <ul className="dry-run-accounts">
        {result.entering.map((entry) => (
          <li key={`${entry.account_id}:${entry.occurrence_key}`}>
            <Link href={`/accounts/${encodeURIComponent(entry.account_id)}`}>{entry.account_name}</Link>{' '}
            <span className="muted">{t('playbooks.occurredAt', { at: at(entry.occurred_at) })}</span>
            <ol>
              {entry.steps.map((step, index) => (
                // A branch can send the run back to a step it already took: the index keeps keys unique.
                // biome-ignore lint/suspicious/noArrayIndexKey: steps repeat, their position is their identity
                <li key={index}>{stepSentence(t, format, { ...step, id: step.step_id })}</li>
              ))}
            </ol>
          </li>
        ))}
      </ul>
      {result.skipped.length > 0 ? (
        <details>
          <summary>{t('playbooks.skipped', { count: format.number(result.skipped.length) })}</summary>
          <ul>
            {result.skipped.map((s) => (
              <li key={`${s.account_id}:${s.occurrence_key}`}>
                <Link href={`/accounts/${encodeURIComponent(s.account_id)}`}>{s.account_id}</Link>:{' '}
                {SKIP_REASONS.has(s.reason) ? t(`playbooks.skip.${s.reason}` as TMessageKey) : s.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
