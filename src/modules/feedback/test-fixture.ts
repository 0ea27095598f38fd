import { fileURLToPath } from 'node:url';
import type { TStore } from '../../db/connect.ts';
import { importPaths } from '../imports/import-paths.ts';

/** test/fixtures/feedback: 19 English and Spanish comments and subjects of March 2024, and MRR today. */
export const FEEDBACK_FIXTURE = fileURLToPath(new URL('../../../test/fixtures/feedback', import.meta.url));

/** Imports the feedback fixture into a workspace through the real importer (MRR movements included). */
export async function loadFeedbackFixture(store: TStore, workspaceId: string): Promise<void> {
  await importPaths({ store, workspaceId, paths: [FEEDBACK_FIXTURE] });
}
