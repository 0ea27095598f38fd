import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-health.ts';
import * as m0003 from './0003-users.ts';
import * as m0004 from './0004-usage-speed.ts';
import * as m0005 from './0005-usage-names.ts';
import * as m0006 from './0006-jobs.ts';
import * as m0007 from './0007-messaging.ts';
import * as m0008 from './0008-webhooks.ts';
import * as m0009 from './0009-playbooks.ts';
import * as m0010 from './0010-dunning.ts';
import * as m0011 from './0011-tasks-retention.ts';
import * as m0012 from './0012-notes.ts';
import * as m0013 from './0013-page-speed.ts';
import * as m0014 from './0014-result-cache.ts';

/** Every migration, in order. Keys sort lexically; add new ones at the end, never edit old ones. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-health': m0002,
  '0003-users': m0003,
  '0004-usage-speed': m0004,
  '0005-usage-names': m0005,
  '0006-jobs': m0006,
  '0007-messaging': m0007,
  '0008-webhooks': m0008,
  '0009-playbooks': m0009,
  '0010-dunning': m0010,
  '0011-tasks-retention': m0011,
  '0012-notes': m0012,
  '0013-page-speed': m0013,
  '0014-result-cache': m0014,
};
