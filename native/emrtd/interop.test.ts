/**
 * Interop tolerance, in process (fast): each simulator quirk read by the full reader stack, plus the
 * transport layer alone (61xx chaining, 6Cxx, per-class timeouts). The same quirks through pcscd + vpcd:
 * interop-through-pcscd.int.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createInProcessCard, listProfiles, type FaultName } from '../simulator/index';
import { tolerantTransport } from '../pcsc/tolerant-transport';
import { readCard, trustStoreFromPem } from './index';

const trustStore = trustStoreFromPem(
  readFileSync(new URL('../../fixtures/pki/csca.cert.pem', import.meta.url), 'utf8'),
);
const profile = listProfiles().find((p) => p.cardType === 'cccd-2021')!;

describe('chip quirks (in-process card)', () => {
  it.each([
    'no-do99',
    'eof-6282',
    'get-response',
    'le-exact',
    'mf-select-required',
    'no-sfi',
    't0',
    'no-extended-length',
  ] as FaultName[])('%s: the card is read and verified', async (fault) => {
    const card = createInProcessCard(profile, { faults: [fault] });
    const apdus: string[] = [];
    const spy = {
      extendedLength: card.extendedLength,
      readerName: card.readerName,
      transmit: async (a: Uint8Array) => {
        const r = await card.transmit(a);
        apdus.push(Buffer.from(r.subarray(r.length - 2)).toString('hex'));
        return r;
      },
    };
    const r = await readCard(spy, { keys: [profile.bac], trustStore });
    expect(r.verification).toMatchObject({ passive: 'valid', active: 'valid' });
    expect(r.identity?.idNumber).toBe(profile.idNumber);
    // The quirk really happened.
    const seen = {
      'get-response': '61',
      'le-exact': '6c',
      t0: '61',
      'mf-select-required': '6a82',
    } as Record<string, string>;
    if (seen[fault]) expect(apdus.some((sw) => sw.startsWith(seen[fault]!))).toBe(true);
    if (fault === 'no-sfi') expect(apdus).toContain('6a81');
  });
});

describe('SM errors on SELECT', () => {
  it('a SELECT answered 6988 re-runs BAC and is retried (seeded sm-error-rate, no SFI reads)', async () => {
    const card = createInProcessCard(profile, { faults: ['sm-error-rate:0.25'] });
    const r = await readCard(card, { keys: [profile.bac], trustStore, strategy: { shortFileIds: false } });
    expect(r.verification).toMatchObject({ passive: 'valid', active: 'valid' });
    expect(r.stats.bacRuns).toBeGreaterThan(1);
  });
});

describe('tolerant transport', () => {
  it('chains 61xx through GET RESPONSE and resends on 6Cxx with the exact Le', async () => {
    const sent: string[] = [];
    const t = tolerantTransport({
      extendedLength: false,
      readerName: 'fake',
      transmit: async (a) => {
        const h = Buffer.from(a).toString('hex');
        sent.push(h);
        if (h === '00b0000000') return Uint8Array.of(0x6c, 0x03);
        if (h === '00b0000003') return Uint8Array.of(1, 2, 0x61, 0x02);
        if (h === '00c0000002') return Uint8Array.of(3, 4, 0x61, 0x01);
        if (h === '00c0000001') return Uint8Array.of(5, 0x90, 0x00);
        return Uint8Array.of(0x6d, 0x00);
      },
    });
    expect([...(await t.transmit(Uint8Array.of(0, 0xb0, 0, 0, 0)))]).toEqual([1, 2, 3, 4, 5, 0x90, 0x00]);
    expect(sent).toEqual(['00b0000000', '00b0000003', '00c0000002', '00c0000001']);
  });

  it('a chip that never answers gives pcsc-timeout (per APDU class)', async () => {
    const t = tolerantTransport(
      { extendedLength: false, readerName: 'fake', transmit: () => new Promise<Uint8Array>(() => undefined) },
      { default: 20, sign: 20, authenticate: 20 },
    );
    await expect(
      t.transmit(Uint8Array.of(0, 0x88, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8, 0)),
    ).rejects.toMatchObject({
      code: 'pcsc-timeout',
    });
  });
});
