import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into web/dist, which `tenure start` serves at `/` (src/http/serve-web.ts). `npm run dev:web` proxies
// /v1 to a running `tenure start`, so the dashboard can be edited with hot reload.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/v1': 'http://127.0.0.1:4000' } },
});
