import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, test } from 'vitest';
import { serveWeb } from './serve-web.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tenure-web-'));
fs.mkdirSync(path.join(root, 'assets'));
fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
fs.writeFileSync(path.join(root, 'assets/app-1a2b.js'), 'console.log(1)');
fs.writeFileSync(path.join(os.tmpdir(), 'tenure-web-secret.txt'), 'secret');

function appWith(dir: string) {
  const app = new Hono();
  app.get('/v1/mrr', (c) => c.json({ mrr: 1 }));
  serveWeb(app, { root: `${dir}${path.sep}` });
  app.notFound((c) => c.json({ error: { code: 'not_found' } }, 404));
  return app;
}

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('serveWeb', () => {
  const app = appWith(root);

  test('serves the build, with long caching for fingerprinted assets only', async () => {
    const asset = await app.request('/assets/app-1a2b.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log(1)');
    const index = await app.request('/');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('id="root"');
  });

  test("answers the app's own routes with index.html, but leaves /v1 and missing assets alone", async () => {
    expect(await (await app.request('/accounts/acc_1')).text()).toContain('id="root"');
    expect(await (await app.request('/v1/mrr')).json()).toEqual({ mrr: 1 });
    expect((await app.request('/v1/nothing')).status).toBe(404);
    expect((await app.request('/assets/gone-9z.js')).status).toBe(404);
  });

  test('never serves a file outside the build, even from a sibling folder whose name starts the same', async () => {
    const response = await app.request('/..%2Ftenure-web-secret.txt');
    expect(await response.text()).not.toBe('secret');
    const sibling = `${root}-x`;
    fs.mkdirSync(sibling, { recursive: true });
    fs.writeFileSync(path.join(sibling, 'secret.txt'), 'secret');
    try {
      const bare = new Hono();
      serveWeb(bare, { root });
      const escaped = await bare.request(`/..%2F${path.basename(sibling)}%2Fsecret.txt`);
      expect(await escaped.text()).not.toBe('secret');
    } finally {
      fs.rmSync(sibling, { recursive: true, force: true });
    }
  });

  test('without a build, / says how to build the dashboard', async () => {
    const response = await appWith(path.join(root, 'missing')).request('/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('npm run build');
  });
});
