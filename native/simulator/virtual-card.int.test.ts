import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { startPrivatePcscd, type PrivatePcscd } from '../../tests/support/pcscd';
import { waitForValue } from '../../tests/support/wait';
import { loadProfile, startVirtualCard, type VirtualCard } from './index';
import { testBac } from './test-reader';
import { FID } from './card-files';
import { hex } from './bytes';
import { checkDigit } from './mrz';

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<string> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { env, timeout: 10_000 }, (_e, out, err) => resolve(`${out}${err}`));
    child.stdin?.end(input ?? '');
  });
}

function until<T>(what: string, fn: () => Promise<T | null>): Promise<T> {
  return waitForValue(fn, what, { timeoutMs: 10_000, intervalMs: 200 });
}

let pcscd: PrivatePcscd;
let card: VirtualCard;
// Loaded after PCSCLITE_CSOCK_NAME points at the private pcscd.
let smartcard: typeof import('smartcard');

beforeAll(async () => {
  pcscd = await startPrivatePcscd();
  process.env.PCSCLITE_CSOCK_NAME = pcscd.socketPath;
  smartcard = await import('smartcard');
  card = await startVirtualCard({
    profile: loadProfile('cccd-2021-with-cmnd'),
    vpcdPort: pcscd.basePort + 1,
    vpcdBasePort: pcscd.basePort,
  });
});

afterAll(async () => {
  await card?.stop();
  await pcscd?.stop();
});

describe('virtual card behind a real pcscd (vpcd)', () => {
  it('is named like the vpcd slot it sits in', () => {
    expect(card.readerName).toBe('Virtual PCD 00 01');
    expect(card.bac).toEqual({ documentNumber: '190012345', dateOfBirth: '900315', dateOfExpiry: '300315' });
  });

  it('pcsc_scan shows the card with its ATR', async () => {
    const out = await run('timeout', ['3', 'pcsc_scan', '-n'], pcscd.env);
    const section = out.slice(out.lastIndexOf('Reader 1: Virtual PCD 00 01'));
    expect(section).toContain('Card inserted');
    expect(section).toContain('ATR: 3B 85 80 01 80 73 00 00 40 B7');
  });

  it('scriptor gets 9000 for SELECT AID and 6D00 for SELECT MF', async () => {
    const out = await run(
      'scriptor',
      ['-r', 'Virtual PCD 00 01'],
      pcscd.env,
      '00 A4 04 0C 07 A0 00 00 02 47 10 01\n00 A4 00 0C 02 3F 00\n',
    );
    expect(out).toMatch(/> 00 A4 04 0C 07 A0 00 00 02 47 10 01\s+< 90 00/);
    expect(out).toMatch(/> 00 A4 00 0C 02 3F 00\s+< 6D 00/);
  });

  it('the smartcard module reads the card through pcscd: BAC, SM, DG1 and DG2 (extended length)', async () => {
    const ctx = new smartcard.Context();
    try {
      const reader = ctx.listReaders().find((r) => r.name === 'Virtual PCD 00 01');
      expect(reader).toBeDefined();
      const c = await reader!.connect(smartcard.SCARD_SHARE_SHARED, smartcard.SCARD_PROTOCOL_T1);
      const transmit = async (apdu: Uint8Array) =>
        new Uint8Array(await c.transmit(Buffer.from(apdu), { maxRecvLength: 65538 }));
      const s = await testBac(transmit, card.bac);
      const dg1 = await s.readFile(FID.DG1);
      expect(Buffer.from(dg1).toString('latin1')).toContain(
        `IDVNM190012345${checkDigit('190012345')}001190012345<<`,
      );
      const dg2 = await s.readFile(FID.DG2, 4096);
      expect(dg2.length).toBeGreaterThan(12 * 1024);
      expect(hex(dg2.subarray(0, 1))).toBe('75');
      c.disconnect();
    } finally {
      ctx.close();
    }
  });

  it('is removed and inserted (swapped for another citizen) at run time', async () => {
    await card.remove();
    await until('removal', async () => {
      const out = await run('timeout', ['2', 'pcsc_scan', '-n'], pcscd.env);
      return out.slice(out.lastIndexOf('Reader 1:')).includes('Card removed') ? true : null;
    });
    await card.insert(loadProfile('over-60'));
    expect(card.bac.dateOfExpiry).toBe('991231');
    const ctx = new smartcard.Context();
    try {
      const c = await ctx
        .listReaders()
        .find((r) => r.name === 'Virtual PCD 00 01')!
        .connect(smartcard.SCARD_SHARE_SHARED, smartcard.SCARD_PROTOCOL_T1);
      const s = await testBac(async (a) => new Uint8Array(await c.transmit(Buffer.from(a))), card.bac);
      expect(Buffer.from(await s.readFile(FID.DG1)).toString('latin1')).toContain('9912315VNM');
      c.disconnect();
    } finally {
      ctx.close();
    }
  });
});
