import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';

/** Previous / "1–50 of 1,234" / Next under a long list; `onChange` gets the new offset. */
export function Pager({
  offset,
  pageSize,
  total,
  onChange,
}: {
  offset: number;
  pageSize: number;
  total: number;
  onChange: (offset: number) => void;
}) {
  const t = useT();
  const format = useFormat();
  return (
    <div className="pager">
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - pageSize))}>
        {t('common.previous')}
      </button>
      <span>
        {t('accounts.range', {
          from: format.number(total === 0 ? 0 : offset + 1),
          to: format.number(Math.min(offset + pageSize, total)),
          total: format.number(total),
        })}
      </span>
      <button type="button" disabled={offset + pageSize >= total} onClick={() => onChange(offset + pageSize)}>
        {t('common.next')}
      </button>
    </div>
  );
}
