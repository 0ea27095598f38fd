import { useT } from '../i18n.ts';

/**
 * The server's complaint about a filter, with a caret under the column it names (tokenize-filter.ts puts
 * `details.column`, 1-based, on every filter error), so the mistake is seen, not counted.
 */
export function FilterError({
  filter,
  message,
  column,
}: {
  filter: string;
  message: string;
  column: number | undefined;
}) {
  const t = useT();
  return (
    <div className="filter-error" role="alert">
      <p className="error">{message}</p>
      {column !== undefined ? (
        <>
          <p className="muted">{t('segments.errorAt', { column })}</p>
          <pre aria-hidden="true">
            {filter}
            {'\n'}
            {`${' '.repeat(Math.max(0, column - 1))}^`}
          </pre>
        </>
      ) : null}
    </div>
  );
}
