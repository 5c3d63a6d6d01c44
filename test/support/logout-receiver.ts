// An application's back-channel logout endpoint (OpenID Connect Back-Channel Logout 1.0) on the
// loopback: a real node:http server that records every logout_token POSTed to it and answers with
// the status it is told to. It can be taken down (connections refused) and brought back on the same port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedLogout {
  contentType: string;
  logoutToken: string;
}

export interface LogoutReceiver {
  /** The back-channel logout URI, e.g. http://127.0.0.1:41234/backchannel-logout */
  readonly uri: string;
  readonly received: ReceivedLogout[];
  /** The status every POST is answered with (default 200). */
  status: number;
  /** Closes the port: a sender gets ECONNREFUSED. */
  down(): Promise<void>;
  /** Listens again on the same port (nothing when it is up). */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startLogoutReceiver(): Promise<LogoutReceiver> {
  const received: ReceivedLogout[] = [];
  let server: Server | null = null;
  let port = 0;
  const listen = async () => {
    if (server) return;
    const next = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.method === 'POST' && request.url === '/backchannel-logout') {
          const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
          received.push({ contentType: request.headers['content-type'] ?? '', logoutToken: body.get('logout_token') ?? '' });
          response.writeHead(receiver.status, { 'cache-control': 'no-store' }).end();
        } else response.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', resolve);
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  };
  const stop = async () => {
    const current = server;
    server = null;
    if (!current) return;
    const closed = new Promise<void>((resolve) => current.close(() => resolve()));
    current.closeAllConnections();
    await closed;
  };
  await listen();
  const receiver: LogoutReceiver = {
    uri: `http://127.0.0.1:${port}/backchannel-logout`,
    received,
    status: 200,
    down: stop,
    up: listen,
    close: stop,
  };
  return receiver;
}
