/**
 * The installed kiosk's screen (kiosk-ui.service, Chromium under cage) is a separate process from the host
 * (kiosk-host.service). It gets a fresh ONE-TIME bootstrap URL from this Unix socket — one URL per connection,
 * then the socket closes — instead of from the host's log: no code in the journal. The socket lives in the
 * host's RuntimeDirectory (/run/vn-public-service-kiosk, 0700, user kiosk) and is itself 0600.
 */
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { connect, createServer, type Server } from 'node:net';

export interface UiSocket {
  readonly path: string;
  close(): Promise<void>;
}

export async function serveUiSocket(socketPath: string, mintUrl: () => string): Promise<UiSocket> {
  try {
    mkdirSync(path.dirname(socketPath), { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new Error(
      `cannot make the UI socket's folder ${path.dirname(socketPath)} (${(e as NodeJS.ErrnoException).code}): ` +
        'kiosk-host.service makes it with RuntimeDirectory=',
      { cause: e },
    );
  }
  rmSync(socketPath, { force: true });
  const server: Server = createServer((conn) => {
    conn.on('error', () => conn.destroy());
    conn.end(`${mintUrl()}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(socketPath, { force: true });
      }),
  };
}

/** Asks the host at `socketPath` for a one-time bootstrap URL (kiosk-ui, `kiosk-ui --print-url`). */
export function fetchUiUrl(socketPath: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const conn = connect(socketPath);
    let text = '';
    const timer = setTimeout(() => {
      conn.destroy();
      reject(new Error(`no answer from ${socketPath}`));
    }, timeoutMs);
    conn.setEncoding('utf8');
    conn.on('data', (d: string) => (text += d));
    conn.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    conn.on('end', () => {
      clearTimeout(timer);
      const url = text.trim();
      if (/^http:\/\/127\.0\.0\.1:\d+\/bootstrap\?code=[\w-]+$/.test(url)) resolve(url);
      else reject(new Error(`unexpected answer from ${socketPath}`));
    });
  });
}
