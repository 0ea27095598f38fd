#!/usr/bin/env node
// Builds the dashboard (web/ → web/dist) with vite. With --if-stale, builds only when web/dist is missing or
// older than any source file, so `npm start` stays fast on every start after the first.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const web = path.resolve(import.meta.dirname, '../web');
const built = path.join(web, 'dist/index.html');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

if (process.argv.includes('--if-stale') && fs.existsSync(built)) {
  if (fs.statSync(built).mtimeMs >= newestSource(web)) process.exit(0);
}
const vite = path.resolve(import.meta.dirname, '../node_modules/vite/bin/vite.js');
if (!fs.existsSync(vite)) {
  console.error('vite is not installed (it is a devDependency): run `npm install`, then `npm run build`.');
  process.exit(process.argv.includes('--if-stale') ? 0 : 1);
}
const result = spawnSync(
  process.execPath,
  [vite, 'build', '--config', path.join(web, 'vite.config.ts'), '--logLevel', 'warn'],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
