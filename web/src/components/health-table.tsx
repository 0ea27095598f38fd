import { useFormat } from '../format.ts';
import { useT } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { THealthRow } from '../types.ts';
import { BandBadge } from './band-badge.tsx';

/** Accounts with their health band, score and 7-day change, each linking to its account page. */
export function HealthTable({ rows, label }: { rows: THealthRow[]; label?: string }) {
  const t = useT();
  const format = useFormat();
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('col.account')}</th>
          <th scope="col">{t('col.health')}</th>
          <th scope="col" className="num">
            {t('col.score')}
          </th>
          <th scope="col" className="num">
            {t('col.delta7')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.account_id}>
            <td>
              <Link href={`/accounts/${encodeURIComponent(row.account_id)}`}>{row.name}</Link>
            </td>
            <td>
              <BandBadge band={row.band} />
            </td>
            <td className="num">{format.number(row.score)}</td>
            <td className="num">{format.number(row.delta_7d)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
