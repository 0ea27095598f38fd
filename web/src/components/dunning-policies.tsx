import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { useT } from '../i18n.ts';
import type { TDunningFinalAction, TDunningPolicy } from '../types.ts';
import { tierLabel } from './dunning-labels.ts';
import { QueryState } from './query-state.tsx';

type TPolicies = { policies: TDunningPolicy[]; default: TDunningPolicy };

const TIERS = ['vip', 'core', 'non_core', 'potential'] as const;
const FINAL_ACTIONS: TDunningFinalAction[] = ['leave_past_due', 'cancel', 'webhook'];

/** The policies in the order they are tried, then the built-in default; managers edit them (permissions.ts). */
export function DunningPolicies({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const policies = useQuery({
    queryKey: ['dunning-policies'],
    queryFn: () => api<TPolicies>('/v1/dunning/policies'),
  });
  const [isEditing, setEditing] = useState(false);
  return (
    <section className="card" aria-labelledby="dunning-policies">
      <div className="card-head">
        <h2 id="dunning-policies">{t('dunning.policies')}</h2>
        {canEdit && !isEditing && policies.data ? (
          <button type="button" onClick={() => setEditing(true)}>
            {t('dunning.editPolicies')}
          </button>
        ) : null}
      </div>
      <QueryState query={policies}>
        {(data) =>
          isEditing ? (
            <PolicyEditor initial={data} onDone={() => setEditing(false)} />
          ) : (
            <PolicyTable policies={[...data.policies, data.default]} />
          )
        }
      </QueryState>
    </section>
  );
}

function PolicyTable({ policies }: { policies: TDunningPolicy[] }) {
  const t = useT();
  return (
    <table aria-label={t('dunning.policies')}>
      <thead>
        <tr>
          <th scope="col">{t('dunning.policyName')}</th>
          <th scope="col">{t('col.tier')}</th>
          <th scope="col">{t('dunning.retryDays')}</th>
          <th scope="col" className="num">
            {t('dunning.graceDays')}
          </th>
          <th scope="col">{t('dunning.finalAction')}</th>
          <th scope="col">{t('dunning.csmTaskFirst')}</th>
        </tr>
      </thead>
      <tbody>
        {policies.map((p) => (
          <tr key={p.id}>
            <th scope="row">{p.name}</th>
            <td>{p.tier ? tierLabel(t, p.tier) : t('dunning.anyTier')}</td>
            <td>{p.retry_days.join(', ')}</td>
            <td className="num">{p.grace_days}</td>
            <td>{t(`dunning.final.${p.final_action}`)}</td>
            <td>{p.csm_task_first ? t('billing.yes') : t('billing.no')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Retry days are typed as a list: "1, 3, 7". */
function parseDays(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);
}

type TDraft = TDunningPolicy & { retryText: string };

function PolicyEditor({ initial, onDone }: { initial: TPolicies; onDone: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<TDraft[]>(() =>
    initial.policies.map((p) => ({ ...p, retryText: p.retry_days.join(', ') })),
  );
  const save = useMutation({
    mutationFn: () =>
      api<TPolicies>('/v1/dunning/policies', {
        method: 'PUT',
        body: { policies: drafts.map(({ retryText, ...p }) => ({ ...p, retry_days: parseDays(retryText) })) },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['dunning-policies'], saved);
      onDone();
    },
  });
  const change = (index: number, patch: Partial<TDraft>) =>
    setDrafts((all) => all.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  const add = () => {
    const base = initial.default;
    const id = `policy-${Date.now().toString(36)}`;
    setDrafts((all) => [
      ...all,
      { ...base, id, name: '', priority: 100, retryText: base.retry_days.join(', ') },
    ]);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="stack policy-editor" onSubmit={submit} aria-label={t('dunning.editPolicies')}>
      {drafts.length === 0 ? <p className="muted">{t('dunning.onlyDefault')}</p> : null}
      {drafts.map((d, index) => (
        <fieldset key={d.id} className="policy">
          <legend>{d.name || d.id}</legend>
          <div className="row">
            <label>
              {t('dunning.policyName')}
              <input required value={d.name} onChange={(e) => change(index, { name: e.target.value })} />
            </label>
            <label>
              {t('col.tier')}
              <select
                value={d.tier ?? ''}
                onChange={(e) => change(index, { tier: (e.target.value || null) as TDraft['tier'] })}
              >
                <option value="">{t('dunning.anyTier')}</option>
                {TIERS.map((tier) => (
                  <option key={tier} value={tier}>
                    {tierLabel(t, tier)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('dunning.retryDays')}
              <input
                required
                value={d.retryText}
                pattern="[0-9 ,;]*"
                onChange={(e) => change(index, { retryText: e.target.value })}
              />
            </label>
            <label>
              {t('dunning.graceDays')}
              <input
                type="number"
                min={0}
                max={365}
                value={d.grace_days}
                onChange={(e) => change(index, { grace_days: Number(e.target.value) })}
              />
            </label>
            <label>
              {t('dunning.finalAction')}
              <select
                value={d.final_action}
                onChange={(e) => change(index, { final_action: e.target.value as TDunningFinalAction })}
              >
                {FINAL_ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {t(`dunning.final.${a}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline">
              <input
                type="checkbox"
                checked={d.csm_task_first}
                onChange={(e) => change(index, { csm_task_first: e.target.checked })}
              />
              {t('dunning.csmTaskFirst')}
            </label>
            <button
              type="button"
              className="danger"
              onClick={() => setDrafts((all) => all.filter((_, i) => i !== index))}
            >
              {t('common.delete')}
            </button>
          </div>
        </fieldset>
      ))}
      <p className="muted">{t('dunning.policyHelp')}</p>
      {save.isError ? (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      ) : null}
      <div className="row">
        <button type="button" onClick={add}>
          {t('dunning.addPolicy')}
        </button>
        <button type="button" onClick={onDone}>
          {t('billing.cancel')}
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('dunning.savePolicies')}
        </button>
      </div>
    </form>
  );
}
