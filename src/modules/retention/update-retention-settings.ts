import { z } from 'zod';
import type { TDb } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { getRetentionSettings } from './get-retention-settings.ts';

const ZPublicUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .nullable();

/** Sets the public address offboarding links point to (`null`: the caller's base URL, else localhost). */
export async function updateRetentionSettings({
  db,
  workspaceId,
  publicUrl,
}: {
  db: TDb;
  workspaceId: string;
  publicUrl: string | null;
}): Promise<{ public_url: string | null }> {
  const parsed = ZPublicUrl.safeParse(publicUrl);
  if (!parsed.success) {
    throw new AppError('invalid_input', 'public_url: expected an http(s) URL', [
      { field: 'public_url', message: 'expected an http(s) URL' },
    ]);
  }
  await getRetentionSettings({ db, workspaceId });
  await db
    .updateTable('retention_settings')
    .set({ public_url: parsed.data?.replace(/\/+$/, '') ?? null, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .execute();
  return { public_url: parsed.data?.replace(/\/+$/, '') ?? null };
}
