import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-health.ts';
import * as m0003 from './0003-users.ts';
import * as m0004 from './0004-usage-speed.ts';
import * as m0005 from './0005-usage-names.ts';

/** Every migration, in order. Keys sort lexically; add new ones at the end, never edit old ones. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-health': m0002,
  '0003-users': m0003,
  '0004-usage-speed': m0004,
  '0005-usage-names': m0005,
};
