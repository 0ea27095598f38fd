import { useEffect, useId, useState } from 'react';
import { MESSAGES, type TMessageKey, useLocale } from '../i18n.ts';
import type { TMeasureCatalog } from '../types.ts';

export type TIssue = { path: string; message: string };
/** The API's message about the field at a JSON path (`measures.0.weight`), if it named one. */
export type TIssueAt = (path: string) => string | undefined;

/**
 * The API's 400 names the path of every bad field: `invalid scorecard: measures.2.rule.best: …; name: …`
 * (scorecard-input.ts). The dashboard's ApiError carries the message only, so it is split here.
 */
export function issuesOf(message: string): TIssue[] {
  const body = message.replace(/^invalid scorecard:\s*/, '');
  return body.split('; ').map((part) => {
    const match = /^([\w.]+): (.*)$/s.exec(part);
    return match ? { path: match[1]!, message: match[2]! } : { path: '', message: part };
  });
}

/** `value`, once it has stopped changing for `ms`: the preview follows typing without a request per key. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** A metric's name in the user's language; a metric the dictionary does not know yet keeps the API's label. */
export function useMetricLabel(catalog: TMeasureCatalog['measures']): (metric: string) => string {
  const locale = useLocale();
  return (metric) => {
    const key = `scorecards.metric.${metric}` as TMessageKey;
    return MESSAGES[locale][key] ?? catalog.find((m) => m.metric === metric)?.label ?? metric;
  };
}

export function FieldError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="field-error error" role="alert">
      {message}
    </span>
  );
}

/** A number input whose empty state is "absent" (undefined), which the API reports as a missing field. */
export function NumberField({
  label,
  value,
  error,
  onChange,
}: {
  label: string;
  value: number | undefined;
  error?: string;
  onChange: (value: number | undefined) => void;
}) {
  const id = useId();
  return (
    <label className="number-field">
      {label}
      <input
        type="number"
        step="any"
        value={value ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
      {error ? (
        <span id={`${id}-error`} className="field-error error">
          {error}
        </span>
      ) : null}
    </label>
  );
}
