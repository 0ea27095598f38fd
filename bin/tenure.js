#!/usr/bin/env node
// The `tenure` command. The source is TypeScript run through tsx's loader: no build step to install from
// a checkout, and esbuild's transform is cached.
//
// Startup: every module resolved after `register()` goes through tsx's hooks, several times slower than
// Node's own resolution; kysely alone is ~280 files. So the large dependencies are loaded natively first,
// and the TypeScript that imports them later finds them already loaded.
await Promise.all([import('kysely'), import('zod'), import('commander')]);
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
// Setting exitCode (not calling exit) lets `tenure start` keep serving and lets stdout drain when piped.
process.exitCode = code;
