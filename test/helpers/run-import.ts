import { parseArgs } from 'node:util';
import { openStore } from '../../src/db/connect.ts';
import { importPaths } from '../../src/modules/imports/import-paths.ts';

/**
 * Runs one import in a process of its own, so a test can kill it mid-file:
 *   node --import tsx test/helpers/run-import.ts [--data-dir DIR | --database-url URL [--schema S]]
 *     [--workspace W] [--skip-invalid] PATH...
 * DATABASE_URL is used when neither option is given. Prints `progress <entity> <rows> <bytes> <total>` per
 * progress callback, `file <entity> <inserted> <updated>` per file, then `done`.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    schema: { type: 'string' },
    workspace: { type: 'string', default: 'default' },
    'skip-invalid': { type: 'boolean', default: false },
  },
});
const databaseUrl = values['database-url'] ?? (values['data-dir'] ? undefined : process.env.DATABASE_URL);
const store = await openStore({ databaseUrl, dataDir: values['data-dir'], schema: values.schema });
try {
  await importPaths({
    store,
    workspaceId: values.workspace,
    paths: positionals,
    skipInvalid: values['skip-invalid'],
    onProgress: (p) => process.stdout.write(`progress ${p.entity} ${p.rows} ${p.bytes} ${p.totalBytes}\n`),
    onFileDone: (f) => process.stdout.write(`file ${f.entity} ${f.inserted} ${f.updated}\n`),
  });
  process.stdout.write('done\n');
} finally {
  await store.close();
}
