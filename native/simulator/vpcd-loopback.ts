/**
 * Which loopback address the virtual card dials pcscd's vpcd driver on.
 *
 * Why: vpcd (vsmartcard 3.3, inside pcscd) sends every message as two send() calls — the 2-byte length,
 * then the payload — on a socket without TCP_NODELAY. Nagle holds the payload until the length segment
 * is ACKed, and the card's kernel delays that ACK (interactive "pingpong" mode) by its 40 ms minimum:
 * every APDU then costs ~44 ms instead of ~0.3 ms. The card's own socket already has TCP_NODELAY; Node
 * cannot set TCP_QUICKACK, and pcscd's socket is not ours. A per-route `quickack 1` metric makes this
 * end ACK at once. It is set on a dedicated /32 (127.0.0.2, which only the simulator uses), so no other
 * traffic on the machine changes.
 *
 * The route is added when this process may (root, Linux, `ip` present) and is not there yet; otherwise the
 * card uses 127.0.0.1 as before (correct, ~44 ms per APDU). KIOSK_VPCD_QUICKACK=0 opts out.
 * Manual equivalent: `ip route add local 127.0.0.2/32 dev lo table local quickack 1`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const VPCD_QUICKACK_HOST = '127.0.0.2';
export const VPCD_PLAIN_HOST = '127.0.0.1';
const ROUTE = ['local', `${VPCD_QUICKACK_HOST}/32`, 'dev', 'lo', 'table', 'local'];

async function hasQuickAckRoute(): Promise<boolean> {
  try {
    const { stdout } = await run('ip', ['route', 'show', 'table', 'local', `${VPCD_QUICKACK_HOST}/32`], {
      timeout: 3000,
    });
    return /\bquickack 1\b/.test(stdout);
  } catch {
    return false;
  }
}

let cached: Promise<string> | null = null;

/** 127.0.0.2 when a quick-ACK route for it exists (adding it if allowed), else 127.0.0.1. Never throws. */
export function vpcdLoopbackHost(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.KIOSK_VPCD_QUICKACK === '0' || process.platform !== 'linux')
    return Promise.resolve(VPCD_PLAIN_HOST);
  cached ??= (async () => {
    if (await hasQuickAckRoute()) return VPCD_QUICKACK_HOST;
    if (process.getuid?.() !== 0) return VPCD_PLAIN_HOST;
    try {
      await run('ip', ['route', 'add', ...ROUTE, 'quickack', '1'], { timeout: 3000 });
    } catch {
      // No CAP_NET_ADMIN (container), no `ip`, or another route for 127.0.0.2 already: keep the plain path.
    }
    return (await hasQuickAckRoute()) ? VPCD_QUICKACK_HOST : VPCD_PLAIN_HOST;
  })();
  return cached;
}
