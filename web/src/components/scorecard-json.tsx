import { useId, useState } from 'react';
import { useT } from '../i18n.ts';
import type { TScorecardDefinition } from '../types.ts';

/**
 * The draft as JSON, for power users: paste a definition from a file of `tenure health scorecards apply`,
 * or copy the draft out. Applying replaces the form's draft; the API then validates it like any other.
 */
export function ScorecardJson({
  definition,
  onApply,
}: {
  definition: TScorecardDefinition;
  onApply: (definition: TScorecardDefinition) => void;
}) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = text ?? JSON.stringify(definition, null, 2);
  const apply = () => {
    try {
      const parsed = JSON.parse(shown) as TScorecardDefinition;
      if (typeof parsed !== 'object' || parsed === null || !Array.isArray(parsed.measures)) {
        setError(t('scorecards.jsonShape'));
        return;
      }
      setError(null);
      setText(null);
      onApply(parsed);
    } catch (e) {
      setError(t('scorecards.jsonInvalid', { message: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <details className="scorecard-json" onToggle={() => setText(null)}>
      <summary>{t('scorecards.json')}</summary>
      <label htmlFor={id}>{t('scorecards.jsonLabel')}</label>
      <textarea
        id={id}
        rows={14}
        spellCheck={false}
        value={shown}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setText(e.target.value)}
      />
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="button" disabled={text === null} onClick={apply}>
          {t('scorecards.jsonApply')}
        </button>
        <button
          type="button"
          disabled={text === null}
          onClick={() => {
            setText(null);
            setError(null);
          }}
        >
          {t('scorecards.jsonDiscard')}
        </button>
      </div>
    </details>
  );
}
