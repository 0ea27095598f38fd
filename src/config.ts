import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting Tenure reads from its environment, parsed once. Nothing else reads `process.env`.
 * Command-line flags override these (see `src/cli/main.ts`).
 */
/** An unset variable and an empty one mean the same: not configured. */
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional());

const ZEnv = z.object({
  DATABASE_URL: optionalUrl,
  TENURE_DATA_DIR: z.string().min(1).default('.tenure'),
  TENURE_WORKSPACE: z.string().min(1).default('default'),
  TENURE_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  TENURE_HOST: z.string().default('127.0.0.1'),
  TENURE_TEST_DATABASE_URL: optionalUrl,
});

export type TConfig = {
  /** A PostgreSQL server URL; when absent, the embedded store in `dataDir` is used. */
  databaseUrl?: string;
  dataDir: string;
  workspace: string;
  port: number;
  host: string;
  /** Set when the test suite runs against a PostgreSQL server instead of PGlite. */
  testDatabaseUrl?: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<TConfig> = {}): TConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  const config: TConfig = {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.TENURE_DATA_DIR,
    workspace: e.TENURE_WORKSPACE,
    port: e.TENURE_PORT,
    host: e.TENURE_HOST,
    testDatabaseUrl: e.TENURE_TEST_DATABASE_URL,
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) (config as Record<string, unknown>)[key] = value;
  }
  config.dataDir = path.resolve(config.dataDir);
  return config;
}
