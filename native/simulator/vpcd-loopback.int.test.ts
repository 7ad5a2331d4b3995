import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { VPCD_PLAIN_HOST, VPCD_QUICKACK_HOST, vpcdLoopbackHost } from './vpcd-loopback';

describe('vpcdLoopbackHost', () => {
  it('is 127.0.0.1 when opted out', async () => {
    expect(await vpcdLoopbackHost({ KIOSK_VPCD_QUICKACK: '0' })).toBe(VPCD_PLAIN_HOST);
  });

  it('is 127.0.0.2 only when a quick-ACK route for it exists', async () => {
    const host = await vpcdLoopbackHost({});
    const route = execFileSync('ip', ['route', 'show', 'table', 'local', `${VPCD_QUICKACK_HOST}/32`], {
      encoding: 'utf8',
    });
    if (host === VPCD_QUICKACK_HOST) expect(route).toMatch(/\bquickack 1\b/);
    else expect(route).not.toMatch(/\bquickack 1\b/);
    // As root on Linux (this repo's test machines) the route is there after the first call.
    if (process.getuid?.() === 0) expect(host).toBe(VPCD_QUICKACK_HOST);
  });
});
