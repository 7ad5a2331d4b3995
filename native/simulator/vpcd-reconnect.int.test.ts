import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { startPrivatePcscd, type PrivatePcscd } from '../../tests/support/pcscd';
import { loadProfile, startVirtualCard, type VirtualCard } from './index';

function scriptor(reader: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve) => {
    const c = execFile('scriptor', ['-r', reader], { env, timeout: 10_000 }, (_e, o, e) => resolve(o + e));
    c.stdin?.end('00 A4 04 0C 07 A0 00 00 02 47 10 01\n');
  });
}

async function eventually(fn: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 250));
  }
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
});
