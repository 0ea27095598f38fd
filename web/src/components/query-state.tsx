import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useT } from '../i18n.ts';

/** Loading and error states of one query, the same on every page; `children` renders the data. */
export function QueryState<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const t = useT();
  if (query.isPending) return <p role="status">{t('common.loading')}</p>;
  if (query.isError) return <p className="error">{t('common.error', { message: query.error.message })}</p>;
  return <>{children(query.data)}</>;
}
