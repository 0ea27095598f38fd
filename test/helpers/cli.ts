import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { vi } from 'vitest';
import type { TOpenStoreOptions } from '../../src/db/connect.ts';

export const BIN = path.resolve(import.meta.dirname, '../../bin/tenure.js');

export type TCliRun = { code: number; stdout: string; stderr: string };
export type TCliStore = { args: string[]; options: TOpenStoreOptions; cleanup(): Promise<void> };

/**
 * Where the CLI under test keeps its data: a temporary data directory for the embedded store, or — when
 * TENURE_TEST_DATABASE_URL is set — a database of its own on that server, created here and dropped after.
 * `options` opens the same store in the test process (close it before the CLI runs on PGlite: one
 * process at a time holds a data directory).
 */
export async function createCliStore(prefix = 'tenure-cli'): Promise<TCliStore> {
  const serverUrl = process.env.TENURE_TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    return {
      args: ['--data-dir', dir],
      options: { dataDir: dir },
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `${prefix.replaceAll('-', '_')}_${randomBytes(5).toString('hex')}`;
  const user = new URL(serverUrl).username || 'postgres';
  const admin = new pg.Client({ connectionString: serverUrl, user });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    args: ['--database-url', url.toString()],
    options: { databaseUrl: url.toString() },
    cleanup: async () => {
      const client = new pg.Client({ connectionString: serverUrl, user });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Environment without the user's own Tenure settings, so only the flags of a test apply. */
export function cleanCliEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'TENURE_DATA_DIR', 'TENURE_WORKSPACE', 'TENURE_PORT', 'TENURE_HOST']) {
    delete env[name];
  }
  return env;
}

/** Runs `node bin/tenure.js …` as a user would, to completion. */
export function runCli(args: string[]): Promise<TCliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: cleanCliEnv(), maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Runs one command line through the program's own `main()` in this process (no process start: faster
 * than runCli, for tests of a command's output); returns its exit code and what it wrote.
 */
export async function runMain(args: string[]): Promise<TCliRun> {
  const { main } = await import('../../src/cli/main.ts');
  let stdout = '';
  let stderr = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const error = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    write.mockRestore();
    error.mockRestore();
  }
}
