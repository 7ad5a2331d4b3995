import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { startPrivatePcscd, type PrivatePcscd } from '../../tests/support/pcscd';
import { waitUntil } from '../../tests/support/wait';
import { loadProfile, startVirtualCard, type VirtualCard } from './index';

function scriptor(reader: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve) => {
    const c = execFile('scriptor', ['-r', reader], { env, timeout: 10_000 }, (_e, o, e) => resolve(o + e));
    c.stdin?.end('00 A4 04 0C 07 A0 00 00 02 47 10 01\n');
  });
}

/** Until `fn` holds (another process — pcscd, vpcd — makes it true), 15 s at most. */
function eventually(fn: () => Promise<boolean>): Promise<void> {
  return waitUntil(fn, 'the card to answer through pcscd', { intervalMs: 250 });
}

let pcscd: PrivatePcscd | null = null;
let card: VirtualCard | null = null;
afterAll(async () => {
  await card?.stop();
  await pcscd?.stop();
});

describe('vpcd link', () => {
  it('reconnects when pcscd restarts', async () => {
    pcscd = await startPrivatePcscd();
    const basePort = pcscd.basePort;
    card = await startVirtualCard({
      profile: loadProfile('young'),
      vpcdPort: basePort,
      vpcdBasePort: basePort,
    });
    expect(await scriptor(card.readerName, pcscd.env)).toMatch(/< 90 00/);
    await pcscd.stop();
    pcscd = await startPrivatePcscd({ basePort });
    const env = pcscd.env;
    await eventually(async () => /< 90 00/.test(await scriptor('Virtual PCD 00 00', env)));
  });

  it('remove-after:N: pcscd reports the card gone after the N-th APDU; insert() brings it back', async () => {
    const p = await startPrivatePcscd();
    try {
      const vc = await startVirtualCard({
        profile: loadProfile('young'),
        faults: ['remove-after:2'],
        vpcdPort: p.basePort,
        vpcdBasePort: p.basePort,
      });
      try {
        const input = '00 A4 04 0C 07 A0 00 00 02 47 10 01\n'.repeat(2);
        const run = (): Promise<string> =>
          new Promise((resolve) => {
            const c = execFile(
              'scriptor',
              ['-r', vc.readerName],
              { env: p.env, timeout: 10_000 },
              (_e, o, e) => resolve(o + e),
            );
            c.stdin?.end(input);
          });
        expect((await run()).match(/< 90 00/g)?.length).toBe(2);
        await eventually(async () => /No smartcard inserted|removed/i.test(await run()));
        await vc.insert();
        expect((await run()).match(/< 90 00/g)?.length).toBe(2);
      } finally {
        await vc.stop();
      }
    } finally {
      await p.stop();
    }
  });
});
