import type { Command } from 'commander';
import { loadConfig, type TConfig } from '../config.ts';
import type { TStore } from '../db/connect.ts';
import type { TFormat } from './output/print-output.ts';

export type TGlobalOptions = {
  dataDir?: string;
  databaseUrl?: string;
  workspace?: string;
  format?: TFormat;
};

export type TContext = {
  config: TConfig;
  workspaceId: string;
  format: TFormat;
  /** Colors and progress bars only for a person at a terminal, never in pipes or files. */
  isStdoutTty: boolean;
  isStderrTty: boolean;
};

/** Settings from the environment (loadConfig) with the global flags of the command line as overrides. */
export function resolveContext(command: Command): TContext {
  const options = command.optsWithGlobals<TGlobalOptions>();
  const config = loadConfig(process.env, {
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    workspace: options.workspace,
  });
  const isStdoutTty = Boolean(process.stdout.isTTY);
  return {
    config,
    workspaceId: config.workspace,
    format: options.format ?? (isStdoutTty ? 'table' : 'json'),
    isStdoutTty,
    isStderrTty: Boolean(process.stderr.isTTY),
  };
}

/**
 * Opens the store for one command and always closes it: the embedded store holds a lock on its directory
 * until closed. Loaded lazily, so that `--help` and usage errors never pay for starting PostgreSQL.
 */
export async function withStore<T>(context: TContext, run: (store: TStore) => Promise<T>): Promise<T> {
  const { openStore } = await import('../db/connect.ts');
  const store = await openStore({ databaseUrl: context.config.databaseUrl, dataDir: context.config.dataDir });
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}
