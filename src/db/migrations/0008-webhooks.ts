import type { Kysely } from 'kysely';

/** The webhooks tables (issue 4). Frozen once landed: never edit after that. */
export async function up(_db: Kysely<any>): Promise<void> {}
