import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { useT } from '../i18n.ts';
import { navigate } from '../router.tsx';
import type { TPlaybook } from '../types.ts';

type TIssue = { path: string; message: string };

/**
 * The API's 400 names the path of every bad field: `invalid playbook: steps.2.then: no step "x"; name: …`
 * (playbooks/playbook-definition.ts). The dashboard's ApiError carries the message only, so it is split here.
 */
function issuesOf(message: string): TIssue[] {
  const body = message.replace(/^invalid playbook:\s*/, '');
  return body.split('; ').map((part) => {
    const match = /^([\w.]+): (.*)$/s.exec(part);
    return match ? { path: match[1]!, message: match[2]! } : { path: '', message: part };
  });
}

/** Without an id it creates a playbook; with one it saves a new version of that playbook's definition. */
export function PlaybookEditor({ playbook }: { playbook?: TPlaybook }) {
  const t = useT();
  const queryClient = useQueryClient();
  const id = useId();
  const [text, setText] = useState(() => (playbook ? JSON.stringify(playbook.definition, null, 2) : ''));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (definition: unknown) =>
      playbook
        ? api<TPlaybook>(`/v1/playbooks/${encodeURIComponent(playbook.id)}`, {
            method: 'PUT',
            body: definition,
          })
        : api<TPlaybook>('/v1/playbooks', { method: 'POST', body: definition }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['playbook', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['playbooks'] });
      if (!playbook) navigate(`/playbooks?playbook=${encodeURIComponent(saved.id)}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.reset();
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch (error) {
      setJsonError(error instanceof Error ? error.message : String(error));
      return;
    }
    setJsonError(null);
    save.mutate(definition);
  };
  const issues =
    save.error instanceof ApiError && save.error.status === 400 ? issuesOf(save.error.message) : undefined;
  return (
    <form className="stack playbook-editor" onSubmit={submit}>
      <label>
        {t('playbooks.definition')}
        <textarea
          required
          rows={16}
          spellCheck={false}
          value={text}
          aria-describedby={`${id}-help`}
          aria-invalid={jsonError || issues ? true : undefined}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <p id={`${id}-help`} className="muted">
        {playbook ? t('playbooks.editHint') : t('playbooks.createHint')}
      </p>
      {jsonError ? (
        <p className="error" role="alert">
          {t('playbooks.invalidJson', { message: jsonError })}
        </p>
      ) : null}
      {issues ? (
        <div className="error playbook-issues" role="alert">
          <p>{t('playbooks.invalid')}</p>
          <ul>
            {issues.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>
                <code>{issue.path || t('playbooks.root')}</code> {issue.message}
              </li>
            ))}
          </ul>
        </div>
      ) : save.isError ? (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      ) : null}
      {save.isSuccess && playbook ? (
        <p role="status">{t('playbooks.saved', { version: save.data.version })}</p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {playbook ? t('playbooks.save') : t('playbooks.createSave')}
        </button>
      </div>
    </form>
  );
}
