/**
 * Integration: each interop quirk of real chips and readers through the real stack (smartcard N-API →
 * a private pcscd → vpcd → simulator card with the matching fault): SM answers without DO'99', 6282 on the
 * last block, 61xx GET RESPONSE chaining, 6Cxx Le correction, SELECT MF first, no short-file-ID reads,
 * chip and reader without extended length, a slow chip, T=0 (ATR and behaviour).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivatePcscd, type PrivatePcscd } from '../../tests/support/pcscd';
import { listProfiles, startVirtualCard, type VirtualCard, type FaultName } from '../simulator/index';
import type { PcscService as PcscServiceType } from '../pcsc/pcsc-service';
import { CardReadInterrupted, readCard, trustStoreFromPem } from './index';

const trustStore = trustStoreFromPem(
  readFileSync(new URL('../../fixtures/pki/csca.cert.pem', import.meta.url), 'utf8'),
);
const profile = listProfiles().find((p) => p.cardType === 'cccd-2021')!;

let pcscd: PrivatePcscd;
let service: PcscServiceType;
let card: VirtualCard | null = null;

async function insertCard(faults: FaultName[]): Promise<VirtualCard> {
  await card?.stop();
  card = await startVirtualCard({ profile, faults, vpcdPort: pcscd.basePort, vpcdBasePort: pcscd.basePort });
  return card;
}

beforeAll(async () => {
  pcscd = await startPrivatePcscd();
  process.env.PCSCLITE_CSOCK_NAME = pcscd.socketPath;
  const { PcscService } = await import('../pcsc/pcsc-service');
  service = new PcscService();
});

afterAll(async () => {
  await card?.stop();
  service?.close();
  await pcscd?.stop();
});

/** Reads the whole card and records every status word the transport saw. */
async function readWith(faults: FaultName[], connect: { extendedLength?: boolean } = {}) {
  const c = await insertCard(faults);
  const t = await service.connect(c.readerName, connect);
  const sws: string[] = [];
  const spy = {
    get extendedLength() {
      return t.extendedLength;
    },
    readerName: t.readerName,
    transmit: async (a: Uint8Array) => {
      const r = await t.transmit(a);
      sws.push(Buffer.from(r.subarray(r.length - 2)).toString('hex'));
      return r;
    },
  };
  try {
    const r = await readCard(spy, { keys: [profile.bac], trustStore });
    expect(r.verification).toMatchObject({ passive: 'valid', active: 'valid' });
    expect(r.identity?.idNumber).toBe(profile.idNumber);
    expect(r.photo?.mime).toBe('image/jpeg');
    return { r, sws, atr: t.atr };
  } finally {
    t.disconnect();
  }
}

describe('interop quirks through pcscd + vpcd', () => {
  it('SM responses without DO99: the MAC covers what is present, the outer SW is the answer', async () => {
    await readWith(['no-do99']);
  });

  it('6282 (end of file) on the last block of every file', async () => {
    await readWith(['eof-6282']);
  });

  it('61xx: answers fetched with GET RESPONSE', async () => {
    const { sws } = await readWith(['get-response']);
    expect(sws.some((s) => s.startsWith('61'))).toBe(true);
  });

  it('6Cxx: the command is sent again with the exact Le', async () => {
    const { sws } = await readWith(['le-exact']);
    expect(sws.some((s) => s.startsWith('6c'))).toBe(true);
  });

  it('a chip that selects the applet only after SELECT MF', async () => {
    const { sws } = await readWith(['mf-select-required']);
    expect(sws).toContain('6a82');
  });

  it('a chip that rejects short-file-ID reads', async () => {
    const { sws } = await readWith(['no-sfi']);
    expect(sws).toContain('6a81');
  });

  it('a chip without extended length behind a reader that has it: short blocks', async () => {
    const { r } = await readWith(['no-extended-length']);
    expect(r.stats.extendedLength).toBe(false);
    expect(r.stats.blockSize).toBeLessThanOrEqual(231);
  });

  it('a reader without extended length: short blocks from the start', async () => {
    const { r, sws } = await readWith([], { extendedLength: false });
    expect(r.stats.extendedLength).toBe(false);
    expect(sws).not.toContain('6700');
  });

  it('a slow chip (every APDU delayed) is read within the per-class timeouts', async () => {
    const { r } = await readWith(['slow:15']);
    expect(r.apdus).toBeGreaterThan(10);
  });

  it('per-class timeouts: a chip slow to sign (Active Authentication) passes within the signing budget', async () => {
    const c = await insertCard(['slow-aa:2500']);
    const t = await service.connect(c.readerName);
    try {
      const timeouts = { default: 1500, authenticate: 1500, sign: 10_000 };
      const r = await readCard(t, { keys: [profile.bac], trustStore, timeouts });
      expect(r.verification).toMatchObject({ passive: 'valid', active: 'valid' });
      // The same chip with the read budget for signing too: a typed interruption, not a verdict.
      const err = await readCard(t, {
        keys: [profile.bac],
        trustStore,
        timeouts: { ...timeouts, sign: 1500 },
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CardReadInterrupted);
      expect((err as CardReadInterrupted).cause).toMatchObject({ code: 'pcsc-timeout' });
    } finally {
      t.disconnect();
    }
  });

  it('a chip far slower than the timeout: a typed interruption, not a hang', async () => {
    const c = await insertCard(['slow:1500']);
    const t = await service.connect(c.readerName);
    try {
      const err = await readCard(t, {
        keys: [profile.bac],
        trustStore,
        timeouts: { default: 200, authenticate: 200, sign: 200 },
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CardReadInterrupted);
      expect((err as CardReadInterrupted).cause).toMatchObject({ code: 'pcsc-timeout' });
    } finally {
      t.disconnect();
    }
  });

  it('T=0: a T=0-only ATR, case-4 answers by GET RESPONSE, exact Le', async () => {
    const { sws, atr } = await readWith(['t0']);
    expect(atr).toBe('3B058073000000');
    expect(sws.some((s) => s.startsWith('61'))).toBe(true);
  });
});
