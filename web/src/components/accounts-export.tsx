import { useState } from 'react';
import { api, type TQuery } from '../api.ts';
import { type TFormat, useFormat } from '../format.ts';
import { type TTranslate, useT } from '../i18n.ts';
import type { TAccountPage, TAccountRow } from '../types.ts';

const EXPORT_PAGE = 500;

/** RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvRows(rows: TAccountRow[], t: TTranslate, format: TFormat, currency: string): string {
  // The table's columns as the reader sees them, then the raw numbers a spreadsheet can sum.
  const header = [
    t('col.account'),
    t('col.owner'),
    t('col.tier'),
    t('col.stage'),
    t('kpi.mrr'),
    t('col.health'),
    t('col.score'),
    t('accounts.csv.accountId'),
    t('accounts.csv.mrrRaw'),
    t('accounts.csv.scoreRaw'),
  ];
  const lines = rows.map((row) => [
    row.name,
    row.owner_email ?? '',
    row.tier ?? '',
    row.stage ?? '',
    format.money(row.mrr, currency),
    row.health_band ? t(`band.${row.health_band}`) : '',
    row.health_score === null ? '' : format.number(row.health_score),
    row.account_id,
    String(row.mrr),
    row.health_score === null ? '' : String(row.health_score),
  ]);
  return `${[header, ...lines].map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}

function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Every page of the current list, not only the visible one, pulled 500 rows at a time. */
export function AccountsExport({ query, currency }: { query: TQuery; currency: string }) {
  const t = useT();
  const format = useFormat();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setError(null);
    setProgress({ done: 0, total: 0 });
    try {
      const rows: TAccountRow[] = [];
      let total = Number.POSITIVE_INFINITY;
      while (rows.length < total) {
        const page = await api<TAccountPage>('/v1/accounts', {
          query: { ...query, limit: EXPORT_PAGE, offset: rows.length },
        });
        total = page.total;
        rows.push(...page.accounts);
        setProgress({ done: rows.length, total });
        // A list that shrank while paging ends here rather than asking forever.
        if (page.accounts.length === 0) break;
      }
      download(csvRows(rows, t, format, currency), `accounts-${localDay(new Date())}.csv`);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="accounts-export">
      <button type="button" disabled={progress !== null} onClick={() => void run()}>
        {progress
          ? t('accounts.exporting', {
              done: format.number(progress.done),
              total: format.number(progress.total),
            })
          : t('accounts.export')}
      </button>
      {error ? <p role="alert">{t('accounts.exportFailed', { message: error })}</p> : null}
    </div>
  );
}
