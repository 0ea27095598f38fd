import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TDb } from '../../db/connect.ts';

/**
 * A small usage history for tests, as import files (shared/spec/data.md), in a Europe/Paris workspace
 * (UTC+1 in winter). Summaries are checked at 2024-03-01: 7 days = Feb 24…Mar 1, 30 days = Feb 1…Mar 1,
 * the 30 before = Jan 2…Jan 31.
 */
export const USAGE_FIXTURE = {
  'accounts.csv': [
    'id,name,seats',
    'acme,Acme,4',
    'globex,Globex,',
    'initech,Initech,0',
    'umbrella,Umbrella,',
  ],
  'contacts.csv': [
    'id,account_id,email',
    'c1,acme,c1@acme.test',
    'c2,acme,c2@acme.test',
    'c3,acme,c3@acme.test',
    'g1,globex,g1@globex.test',
  ],
  'events.csv': [
    'id,account_id,contact_id,name,occurred_at,quantity',
    // 23:30 UTC is 00:30 on Mar 1 in Paris: a Mar 1 event.
    'e1,acme,c1,report_exported,2024-02-29T23:30:00Z,2',
    'e2,acme,c2,dashboard_viewed,2024-02-26T10:00:00Z,',
    'e3,acme,c3,login,2024-02-10T10:00:00Z,1',
    'e4,acme,c1,report_exported,2024-01-15T10:00:00Z,5',
    // A relationship signal: neither an event nor an active user.
    'e5,acme,c3,social_mention,2024-03-01T10:00:00Z,1',
    // Mar 2 in Paris: after the day of the summaries.
    'e6,acme,c2,login,2024-03-01T23:30:00Z,1',
    'e7,acme,c1,login,2024-01-01T12:00:00Z,1',
    'g1,globex,g1,export_csv,2024-01-20T12:00:00Z,3',
    'g2,globex,g1,invite_sent,2023-11-01T12:00:00Z,1',
    'i1,initech,,dashboard_viewed,2024-02-20T12:00:00Z,1',
  ],
};

/** Writes import files (name → lines) to a new temporary directory and returns it. */
export function writeImportDir(files: Record<string, string[]>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-usage-'));
  for (const [name, lines] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), `${lines.join('\n')}\n`);
  }
  return dir;
}

/** Every usage rollup table of a workspace, in a stable order: what incremental and full rebuilds compare. */
export async function readUsageRollups(db: TDb, workspaceId: string) {
  const daily = await db
    .selectFrom('usage_daily')
    .select(['account_id', 'day', 'name', 'events', 'quantity', 'users'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('account_id')
    .orderBy('day')
    .orderBy('name')
    .execute();
  const users = await db
    .selectFrom('usage_daily_users')
    .select(['account_id', 'day', 'contact_id'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('account_id')
    .orderBy('day')
    .orderBy('contact_id')
    .execute();
  const contacts = await db
    .selectFrom('usage_daily_contacts')
    .select(['account_id', 'day', 'name', 'contact_id'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('account_id')
    .orderBy('day')
    .orderBy('name')
    .orderBy('contact_id')
    .execute();
  return { daily, users, contacts };
}
