import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TStore } from '../../db/connect.ts';
import { importPaths } from '../imports/import-paths.ts';
import type { TImportSummary } from '../imports/import-types.ts';
import { ensureWorkspace } from '../workspaces/ensure-workspace.ts';
import { generateDemo } from './generate-demo.ts';

export type TLoadDemoOptions = {
  store: TStore;
  workspaceId: string;
  accounts?: number;
  months?: number;
  seed?: number;
  /** Default: the first day of the current month, so the history ends now. */
  endDate?: string;
  events?: 'week' | 'month' | 'none';
  /** Generation reports as file "demo", then the import reports file by file. */
  onProgress?: (event: {
    file: string;
    entity?: string;
    rows: number;
    bytes: number;
    totalBytes: number;
  }) => void;
};

/**
 * Generates the demo into a temporary directory and imports it like any user's export would be, so the demo
 * exercises the real import path. The demo bills in USD and CRC and reports in USD.
 */
export async function loadDemo(options: TLoadDemoOptions): Promise<TImportSummary> {
  const { store, workspaceId, onProgress } = options;
  await ensureWorkspace({ db: store.db, workspaceId, reportingCurrency: 'USD' });
  await store.db
    .updateTable('workspaces')
    .set({ reporting_currency: 'USD' })
    .where('workspace_id', '=', workspaceId)
    .execute();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-demo-'));
  try {
    await generateDemo({
      dir,
      accounts: options.accounts,
      months: options.months,
      seed: options.seed,
      endDate: options.endDate,
      events: options.events,
      onProgress: onProgress
        ? ({ accounts, total }) =>
            onProgress({ file: 'demo', rows: accounts, bytes: accounts, totalBytes: total })
        : undefined,
    });
    return await importPaths({ store, workspaceId, paths: [dir], onProgress });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
