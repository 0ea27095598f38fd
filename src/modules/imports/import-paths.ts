import type { TStore } from '../../db/connect.ts';
import { ensureWorkspace } from '../workspaces/ensure-workspace.ts';
import { entities } from './entities.ts';
import { findImportFiles } from './find-import-files.ts';
import { importFile } from './import-file.ts';
import type { TImportFileSummary, TImportPhase, TImportProgress, TImportSummary } from './import-types.ts';

export type TImportPathsInput = {
  store: TStore;
  workspaceId: string;
  /** Files or directories (searched recursively for recognised names). */
  paths: string[];
  /** Import the valid rows and write invalid ones to `<file>.rejected.csv` instead of failing the file. */
  skipInvalid?: boolean;
  /** Called after each batch and at most every ~100 ms while a file is read. */
  onProgress?: (progress: TImportProgress) => void;
  onFileDone?: (file: TImportFileSummary) => void;
  /** Called as each step of a file ends (read, check, upsert, recompute, commit) with its duration. */
  onPhase?: (phase: TImportPhase) => void;
};

/**
 * Imports files in the format of shared/spec/data.md into a workspace (created when missing), in dependency
 * order, each file in its own transaction: a file with an invalid row throws `invalid_input` and writes
 * nothing, while the files before it stay imported.
 */
export async function importPaths(input: TImportPathsInput): Promise<TImportSummary> {
  const files = findImportFiles(input.paths);
  const { db } = input.store;
  const workspace = await ensureWorkspace({ db, workspaceId: input.workspaceId });
  const ctx = {
    workspaceId: workspace.id,
    timezone: workspace.timezone,
    reportingCurrency: workspace.reportingCurrency,
  };
  const summary: TImportSummary = {
    files: [],
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    warnings: [],
  };
  for (const file of files) {
    const done = await importFile({
      store: input.store,
      ctx,
      filePath: file.filePath,
      displayName: file.filePath,
      entity: entities.get(file.entity)!,
      skipInvalid: input.skipInvalid ?? false,
      warnings: summary.warnings,
      onProgress: input.onProgress,
      onPhase: input.onPhase,
    });
    summary.files.push(done);
    summary.inserted += done.inserted;
    summary.updated += done.updated;
    summary.unchanged += done.unchanged;
    summary.rejected += done.rejected;
    input.onFileDone?.(done);
  }
  return summary;
}
