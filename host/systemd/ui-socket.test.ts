import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchUiUrl, serveUiSocket } from './ui-socket';

describe('the UI socket', () => {
  it('hands out one fresh one-time URL per connection, from a 0600 socket in a 0700 folder', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-ui-sock-')), 'run');
    let n = 0;
    const sock = await serveUiSocket(
      path.join(dir, 'ui.sock'),
      () => `http://127.0.0.1:8731/bootstrap?code=c${++n}`,
    );
    try {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(sock.path).mode & 0o777).toBe(0o600);
      expect(await fetchUiUrl(sock.path)).toBe('http://127.0.0.1:8731/bootstrap?code=c1');
      expect(await fetchUiUrl(sock.path)).toBe('http://127.0.0.1:8731/bootstrap?code=c2');
    } finally {
      await sock.close();
    }
    await expect(fetchUiUrl(sock.path)).rejects.toThrow();
  });

  it('refuses an answer that is not a loopback bootstrap URL', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-ui-sock-'));
    const sock = await serveUiSocket(
      path.join(dir, 'ui.sock'),
      () => 'https://elsewhere.example/bootstrap?code=x',
    );
    try {
      await expect(fetchUiUrl(sock.path)).rejects.toThrow(/unexpected answer/);
    } finally {
      await sock.close();
    }
  });
});
