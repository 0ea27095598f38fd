#!/usr/bin/env node
// Runs the whole test suite twice: on the embedded PGlite store, then on a PostgreSQL server
// (TENURE_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test). Extra arguments go to vitest.
// Ends with one line "tests: N passed, N failed" summing both runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const serverUrl = process.env.TENURE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const skipServer = process.env.TENURE_TEST_SKIP_SERVER === '1';
const args = process.argv.slice(2);
const vitest = path.resolve('node_modules/vitest/vitest.mjs');

async function serverReachable() {
  const client = new pg.Client({
    connectionString: serverUrl,
    user: new URL(serverUrl).username || 'postgres',
  });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    console.error(`PostgreSQL server at ${serverUrl} is not reachable: ${error.message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

// CI shows only the end of the output, so the failures are named again after the summary.
const failures = [];
function listFailures(label, report) {
  const lines = [];
  for (const file of report.testResults ?? []) {
    const where = path.relative(process.cwd(), file.name);
    if (file.status === 'failed' && (file.assertionResults ?? []).every((t) => t.status !== 'failed')) {
      lines.push(`${label} · ${where}: ${firstLine(file.message)}`);
    }
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      lines.push(`${label} · ${where} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
  }
  return lines;
}
function firstLine(text) {
  return (
    (text ?? '')
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim()
      .slice(0, 300) ?? ''
  );
}

function run(label, env) {
  const childEnv = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
  console.log(`\n=== tests on ${label} ===`);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-vitest-')), 'results.json');
  const result = spawnSync(
    process.execPath,
    [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args],
    { stdio: 'inherit', env: childEnv },
  );
  let passed = 0;
  let failed = 0;
  try {
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed = report.numPassedTests;
    failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
    failures.push(...listFailures(label, report));
  } catch {
    failed += 1;
  }
  if (result.status !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

const totals = { passed: 0, failed: 0 };
const add = (r) => {
  totals.passed += r.passed;
  totals.failed += r.failed;
};
add(run('PGlite (embedded)', { TENURE_TEST_DATABASE_URL: undefined }));
if (skipServer) {
  console.log('\nTENURE_TEST_SKIP_SERVER=1: not running the suite on a PostgreSQL server');
} else if (await serverReachable()) {
  add(run(`PostgreSQL server (${serverUrl})`, { TENURE_TEST_DATABASE_URL: serverUrl }));
} else {
  console.error('Start a server, set TENURE_TEST_DATABASE_URL, or set TENURE_TEST_SKIP_SERVER=1.');
  totals.failed += 1;
}
if (failures.length > 0) console.log(`\nfailed:\n${failures.map((line) => `  ${line}`).join('\n')}`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
