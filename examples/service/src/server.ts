import http from 'http';
import type { AddressInfo } from 'net';
import { NoteStore } from './notes';

export interface Logger {
  info(message: string): void;
}

export function createServer(store: NoteStore, logger: Logger): http.Server {
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    logger.info(`${req.method} ${url.pathname}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/health') return send(200, { ok: true });
    if (url.pathname === '/notes') return send(200, await store.list());
    const match = /^\/notes\/([^/]+)$/.exec(url.pathname);
    if (match) {
      const text = await store.read(match[1] ?? '');
      return text === undefined ? send(404, { error: 'not found' }) : send(200, { text });
    }
    return send(404, { error: 'not found' });
  });
}

export function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}
