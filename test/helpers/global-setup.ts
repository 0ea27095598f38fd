import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openStore } from '../../src/db/connect.ts';

/**
 * Creating and migrating a PGlite database costs seconds; loading a dump of a migrated one costs a fraction.
 * So the suite migrates one template here and every test file starts from a copy of it.
 */
export default async function setup(project: TestProject) {
  const store = await openStore();
  const dump = await store.pglite!.dumpDataDir('gzip');
  await store.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-test-')), 'template.tar.gz');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
