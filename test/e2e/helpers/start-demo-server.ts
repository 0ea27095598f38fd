import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type TStore } from '../../../src/db/connect.ts';
import { serve, type TServer } from '../../../src/http/serve.ts';
import { todayIn } from '../../../src/http/today-in.ts';
import { loadDemo } from '../../../src/modules/demo/load-demo.ts';
import { backfillHealth } from '../../../src/modules/health/backfill-health.ts';
import { refreshClassifications } from '../../../src/modules/lifecycle/refresh-classifications.ts';
import { createUser } from '../../../src/modules/users/create-user.ts';
import { getWorkspace } from '../../../src/modules/workspaces/get-workspace.ts';

export const DEMO_WORKSPACE = 'demo';
export const ADMIN = {
  email: 'admin@example.com',
  password: 'correct horse battery',
  role: 'admin',
} as const;
export const VIEWER = {
  email: 'viewer@example.com',
  password: 'viewer horse battery',
  role: 'viewer',
} as const;

export type TDemoServer = { store: TStore; server: TServer; url: string; close(): Promise<void> };

/**
 * The server the browser tests drive: a fresh PGlite data directory with a 200-account demo (the
 * 2,000-account default takes minutes), two days of health scores (today's is what the pages show), an
 * admin and a viewer, served in-process on a free port. It serves whatever `web/dist` holds: CI builds
 * the dashboard before the tests, this helper builds nothing.
 */
export async function startDemoServer({
  accounts = 200,
  port = 0,
}: {
  accounts?: number;
  port?: number;
} = {}): Promise<TDemoServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-e2e-'));
  const store = await openStore({ dataDir });
  try {
    await loadDemo({
      store,
      workspaceId: DEMO_WORKSPACE,
      accounts,
      months: 18,
      endDate: new Date().toISOString().slice(0, 10),
      events: 'week',
    });
    const { timezone } = await getWorkspace({ db: store.db, workspaceId: DEMO_WORKSPACE });
    const to = todayIn(timezone);
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await backfillHealth({ db: store.db, workspaceId: DEMO_WORKSPACE, from, to });
    await refreshClassifications({ db: store.db, workspaceId: DEMO_WORKSPACE });
    for (const user of [ADMIN, VIEWER])
      await createUser({ db: store.db, workspaceId: DEMO_WORKSPACE, ...user });
    const server = await serve({ store, port, host: '127.0.0.1' });
    return {
      store,
      server,
      url: server.url,
      close: async () => {
        await server.close();
        await store.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
