import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

/** Where `npm run build` (vite, web/vite.config.ts) writes the dashboard. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tenure</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>Tenure</h1><p>The dashboard is not built yet. Run <code>npm run build</code> (or start with
<code>npm start</code>, which builds it), then reload. The API is at <a href="/v1/openapi.json">/v1/openapi.json</a>.</p>
</body></html>`;

async function readFileIn(root: string, requestPath: string): Promise<Buffer | undefined> {
  let file: string;
  try {
    file = path.resolve(root, `.${decodeURIComponent(requestPath)}`);
  } catch {
    return undefined; // a malformed %-escape names no file
  }
  // A path that resolves outside the build (`/../src/config.ts`, or a sibling `dist-x/`) is not ours to serve.
  if (!file.startsWith(path.resolve(root) + path.sep)) return undefined;
  return fs.readFile(file).catch(() => undefined);
}

/**
 * The dashboard at `/`: files of the vite build, and index.html for any other path that is not the API, so
 * the browser's own routes (`/accounts/acme`) load the app (SPA fallback). The build is looked up on each
 * request, so a server started before `npm run build` serves the dashboard once it exists.
 */
export function serveWeb(app: Hono<any>, { root = WEB_DIST }: { root?: string } = {}): void {
  app.get('*', async (c, next) => {
    const requestPath = c.req.path;
    if (requestPath === '/v1' || requestPath.startsWith('/v1/') || requestPath === '/healthz') return next();
    const asset = path.extname(requestPath) ? await readFileIn(root, requestPath) : undefined;
    if (asset) {
      // Vite fingerprints everything under assets/, so those never change under the same name.
      const cache = requestPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      const type = TYPES[path.extname(requestPath)] ?? 'application/octet-stream';
      return c.body(new Uint8Array(asset), 200, { 'content-type': type, 'cache-control': cache });
    }
    if (requestPath.startsWith('/assets/')) return next();
    const index = await readFileIn(root, '/index.html');
    if (!index) return c.html(NOT_BUILT, 200);
    return c.body(new Uint8Array(index), 200, {
      'content-type': TYPES['.html']!,
      'cache-control': 'no-cache',
    });
  });
}
