import type { AddressInfo } from 'node:net';
import { serve as serveNode } from '@hono/node-server';
import type { TStore } from '../db/connect.ts';
import { createApp } from './app.ts';

export type TServer = {
  /** The URL the server listens on (the real port when 0 was asked for). */
  url: string;
  /** Stops accepting connections and resolves once open ones are done. */
  close(): Promise<void>;
};

/** Serves the HTTP API on host:port; resolves once the server is listening. */
export function serve({
  store,
  port,
  host,
}: {
  store: TStore;
  port: number;
  host: string;
}): Promise<TServer> {
  const app = createApp({ store });
  return new Promise((resolve, reject) => {
    const server = serveNode({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      const shownHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Idle keep-alive connections would otherwise hold close() open.
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
