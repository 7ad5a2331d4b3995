import { describe, expect, it } from 'vitest';
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { p256 } from '@noble/curves/nist.js';
import { fromHex, hex } from './bytes';
import { loadProfile, listProfiles, expectedExpiry } from './profile';
import { createInProcessCard } from './in-process';
import { split, testBac, TestTerminalError } from './test-reader';
import { FID, buildCardFiles } from './card-files';
import { parseFaults } from './faults';
import { VirtualEmrtd } from './card';
import { bacKeysFromMrzInformation } from './crypto';
import { mrzInformation } from './mrz';
import { loadCscaDer } from './pki';
import { sha256 } from './lds/sod';
import { checkDigit } from './mrz';
import type { FaultName } from './faults';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

const tx = (card: { transmit(a: Uint8Array): Promise<Uint8Array> }, h: string) =>
  card.transmit(fromHex(h)).then((r) => hex(r));

async function readAll(id: string, faults: FaultName[] = []) {
  const profile = loadProfile(id);
  const card = createInProcessCard(profile, { faults });
  const s = await testBac(card.transmit, profile.bac);
  const files = new Map<number, Uint8Array>();
  for (const fid of [FID.COM, FID.DG1, FID.DG2, FID.DG13, FID.DG14, FID.DG15, FID.SOD]) {
    if (profile.cardType === 'passport' && fid === FID.DG13) continue;
    files.set(fid, await s.readFile(fid));
  }
  return { profile, card, s, files };
}

type Verdict = 'valid' | 'hash-mismatch' | 'bad-signature' | 'unknown-csca' | 'expired-chain';

/** Independent passive authentication with pkijs (test oracle). */
async function passive(files: Map<number, Uint8Array>): Promise<Verdict> {
  const sod = files.get(FID.SOD) ?? new Uint8Array(0);
  const inner = asn1js.fromBER(sod.slice(sod[1] === 0x82 ? 4 : sod[1] === 0x81 ? 3 : 2));
  const ci = new pkijs.ContentInfo({ schema: inner.result });
  const sd = new pkijs.SignedData({ schema: ci.content });
  const lds = asn1js.fromBER(sd.encapContentInfo.eContent?.getValue() ?? new ArrayBuffer(0))
    .result as asn1js.Sequence;
  const hashes = (lds.valueBlock.value[2] as asn1js.Sequence).valueBlock.value as asn1js.Sequence[];
  const fidOf: Record<number, number> = { 1: FID.DG1, 2: FID.DG2, 13: FID.DG13, 14: FID.DG14, 15: FID.DG15 };
  for (const h of hashes) {
    const dg = (h.valueBlock.value[0] as asn1js.Integer).valueBlock.valueDec;
    const fid = fidOf[dg];
    if (fid === undefined || !files.has(fid)) continue;
    const expected = hex(
      new Uint8Array((h.valueBlock.value[1] as asn1js.OctetString).valueBlock.valueHexView),
    );
    if (hex(sha256(files.get(fid) ?? new Uint8Array(0))) !== expected) return 'hash-mismatch';
  }
  const ok = await sd.verify({ signer: 0, checkChain: false }).catch(() => false);
  if (!ok) return 'bad-signature';
  const ds = sd.certificates?.[0] as pkijs.Certificate;
  const csca = pkijs.Certificate.fromBER(new Uint8Array(loadCscaDer('csca')));
  const chained = await ds.verify(csca).catch(() => false);
  if (!chained) return 'unknown-csca';
  if (ds.notAfter.value.getTime() < Date.now()) return 'expired-chain';
  return 'valid';
}

describe('virtual eMRTD over the in-process transport', () => {
  it('answers plain commands like a CCCD chip', async () => {
    const card = createInProcessCard(loadProfile('cccd-2021-with-cmnd'));
    expect(hex(card.atr)).toMatch(/^3B8[0-9A-F]8001/);
    expect(await tx(card, '00A4000C023F00')).toBe('6D00');
    expect(await tx(card, '00A4040C07A0000002471001')).toBe('9000');
    expect(await tx(card, '00A4020C02011E')).toBe('6982');
    expect(await tx(card, '00A4020C020111')).toBe('6A82');
    expect(await tx(card, '00B0810004')).toBe('6982');
    expect(await tx(card, '00A4040C07A0000002471002')).toBe('6A82');
    expect(await tx(card, '00FF000000')).toBe('6D00');
    expect(await tx(card, 'A0A4000000')).toBe('6E00');
    expect(await tx(card, '00')).toBe('6700');
  });

  it('answers 6300 to MUTUAL AUTHENTICATE with a wrong key', async () => {
    const p = loadProfile('cccd-2021-with-cmnd');
    const card = createInProcessCard(p);
    await expect(testBac(card.transmit, { ...p.bac, dateOfExpiry: '991231' })).rejects.toMatchObject({
      sw: 0x6300,
    });
    const s = await testBac(card.transmit, p.bac); // the right key still works afterwards
    expect(await s.select(FID.COM)).toBe(0x9000);
  });

  it('serves every file under BAC + SM, with correct DG1 check digits and DG13 records', async () => {
    const { files, profile } = await readAll('cccd-2021-with-cmnd');
    expect(hex(files.get(FID.COM) ?? new Uint8Array(0))).toBe(
      '60185F0104303130375F36063034303030305C066175636D6E6F',
    );
    const dg1 = Buffer.from(files.get(FID.DG1) ?? []).toString('latin1');
    expect((files.get(FID.DG1) ?? []).length).toBe(95);
    const mrz = dg1.slice(5);
    expect(mrz.slice(0, 30)).toBe(
      `IDVNM190012345${checkDigit('190012345')}001190012345<<${checkDigit('001190012345')}`,
    );
    expect(mrz.slice(30, 60)).toMatch(
      new RegExp(`^900315${checkDigit('900315')}F300315${checkDigit('300315')}VNM<{11}\\d$`),
    );
    expect(mrz.slice(60)).toBe('NGUYEN<<THI<HONG<NHUNG<<<<<<<<');
    const dg13 = Buffer.from(files.get(FID.DG13) ?? []);
    expect(dg13[0]).toBe(0x6d);
    expect(dg13[1]).toBe(0x82);
    expect(dg13.includes(Buffer.from(profile.fullName, 'utf8'))).toBe(true);
    expect(dg13.includes(Buffer.from('15/03/1990', 'ascii'))).toBe(true);
    const dg2 = files.get(FID.DG2) ?? new Uint8Array(0);
    const jpegAt = Buffer.from(dg2).indexOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    expect(jpegAt).toBeGreaterThan(0);
    expect(dg2.length - jpegAt).toBeGreaterThanOrEqual(12 * 1024);
    expect(dg2.length - jpegAt).toBeLessThanOrEqual(20 * 1024);
    expect(hex(dg2.subarray(0, 1))).toBe('75');
  });

  it('reads with short-file-ID READ BINARY, odd INS B1 and extended Le', async () => {
    const p = loadProfile('young');
    const card = createInProcessCard(p);
    const s = await testBac(card.transmit, p.bac);
    const com = await s.send(0xb0, 0x80 | 0x1e, 0, new Uint8Array(0), 256);
    expect(com.sw).toBe(0x9000);
    expect(com.data[0]).toBe(0x60);
    const dg2 = await s.readFile(FID.DG2, 4096);
    const odd = await s.send(0xb1, 0x01, 0x02, fromHex('5402' + '0100'), 200);
    expect(odd.sw).toBe(0x9000);
    expect(odd.data[0]).toBe(0x53);
    expect(hex(odd.data.subarray(3))).toBe(hex(dg2.subarray(0x100, 0x100 + odd.data.length - 3)));
    expect((await s.send(0xb0, 0x7f, 0xff, new Uint8Array(0), 4)).sw).toBe(0x6b00);
  });

  it('returns 6700 when Le exceeds max-le, and 6700 to extended APDUs without extended length', async () => {
    const p = loadProfile('young');
    const card = createInProcessCard(p, { faults: ['max-le:128'] });
    const s = await testBac(card.transmit, p.bac);
    expect(await s.select(FID.DG1)).toBe(0x9000);
    expect((await s.send(0xb0, 0, 0, new Uint8Array(0), 200)).sw).toBe(0x6700);
    expect((await s.send(0xb0, 0, 0, new Uint8Array(0), 128)).sw).toBe(0x9000);
    const noExt = createInProcessCard(p, { faults: ['no-extended-length'] });
    expect(noExt.extendedLength).toBe(false);
    const s2 = await testBac(noExt.transmit, p.bac);
    expect(await s2.select(FID.DG2)).toBe(0x9000);
    await expect(s2.send(0xb0, 0, 0, new Uint8Array(0), 1000, true)).rejects.toMatchObject({ sw: 0x6700 });
  });

  it('answers 6982 to DG3 and drops the SM session; answers 6988 to a bad SM object', async () => {
    const p = loadProfile('over-60');
    const card = createInProcessCard(p);
    const s = await testBac(card.transmit, p.bac);
    await expect(s.select(FID.DG3)).rejects.toMatchObject({ sw: 0x6982 });
    await expect(s.select(FID.COM)).rejects.toMatchObject({ sw: 0x6988 });
    const s2 = await testBac(card.transmit, p.bac);
    expect(await s2.select(FID.COM)).toBe(0x9000);
    expect(split(await card.transmit(fromHex('0CB000000D9701048E08ED6705417E96BA5500'))).sw).toBe(0x6988);
  });

  it('signs INTERNAL AUTHENTICATE with the DG15 key (ECDSA P-256), and with another key under aa-fail', async () => {
    for (const [faults, valid] of [
      [[], true],
      [['aa-fail'], false],
    ] as const) {
      const { s, files } = await readAll('cccd-2021-no-cmnd', [...faults]);
      const dg15 = files.get(FID.DG15) ?? new Uint8Array(0);
      const point = dg15.subarray(dg15.length - 65);
      const challenge = fromHex('0102030405060708');
      const r = await s.send(0x88, 0, 0, challenge, 256);
      expect(r.sw).toBe(0x9000);
      expect(r.data.length).toBe(64);
      expect(p256.verify(r.data, challenge, point, { prehash: true })).toBe(valid);
    }
  });

  it.each([
    [[], 'valid'],
    [['forged-dg'], 'hash-mismatch'],
    [['bad-sod-signature'], 'bad-signature'],
    [['unknown-csca'], 'unknown-csca'],
    [['expired-chain'], 'expired-chain'],
  ] as const)('passive authentication with faults %j gives %s', async (faults, verdict) => {
    const { files } = await readAll('can-cuoc-2024', [...faults]);
    expect(await passive(files)).toBe(verdict);
  });

  it('builds byte-identical files on every load (deterministic)', async () => {
    const a = await readAll('long-address');
    const b = await readAll('long-address');
    for (const [fid, bytes] of a.files) expect(hex(b.files.get(fid) ?? new Uint8Array(0))).toBe(hex(bytes));
  });

  it('reads the ICAO specimen passport (TD3 DG1, no DG13)', async () => {
    const { files } = await readAll('icao-specimen-passport');
    const dg1 = Buffer.from(files.get(FID.DG1) ?? []).toString('latin1');
    expect(dg1.slice(5)).toBe(
      'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<L898902C<3UTO6908061F9406236ZE184226B<<<<<14',
    );
    expect(await passive(files)).toBe('valid');
  });

  it('vanishes after N APDUs under remove-after, and comes back on insert', async () => {
    const p = loadProfile('young');
    const card = createInProcessCard(p, { faults: ['remove-after:5'] });
    const s = await testBac(card.transmit, p.bac); // 3 APDUs
    expect(await s.select(FID.COM)).toBe(0x9000); // 4
    expect(await s.select(FID.DG1)).toBe(0x9000); // 5
    await expect(s.select(FID.DG2)).rejects.toMatchObject({ code: 'simulator.card-removed' });
    expect(card.present).toBe(false);
    card.insert();
    const s2 = await testBac(card.transmit, p.bac);
    expect(await s2.select(FID.DG2)).toBe(0x9000);
  });

  it('answers 6988 at the configured SM error rate', async () => {
    const p = loadProfile('young');
    const card = createInProcessCard(p, { faults: ['sm-error-rate:1'] });
    const s = await testBac(card.transmit, p.bac);
    await expect(s.select(FID.COM)).rejects.toBeInstanceOf(TestTerminalError);
  });
});

describe('citizen profiles', () => {
  const profiles = listProfiles();
  it('has at least 7 fictional profiles covering the required cases', () => {
    expect(profiles.length).toBeGreaterThanOrEqual(7);
    const ids = profiles.map((p) => p.id);
    for (const id of [
      'cccd-2021-with-cmnd',
      'cccd-2021-no-cmnd',
      'over-60',
      'young',
      'long-address',
      'can-cuoc-2024',
      'icao-specimen-passport',
    ])
      expect(ids).toContain(id);
    const long = profiles.find((p) => p.id === 'long-address');
    expect(Buffer.byteLength(long?.placeOfResidence ?? '', 'utf8')).toBeGreaterThan(255);
    const all = profiles.map((p) => p.fullName + (p.placeOfResidence ?? '')).join('');
    for (const ch of 'ăâđêôơưàáảãạĐ') expect(all.toLowerCase()).toContain(ch.toLowerCase());
  });

  it.each(listProfiles().filter((p) => p.cardType !== 'passport'))(
    '$id: BAC key, expiry and QR agree',
    (p) => {
      expect(p.bac.documentNumber).toBe(p.idNumber.slice(-9));
      expect(p.bac.dateOfBirth).toBe(p.dateOfBirth.slice(2).replace(/-/g, ''));
      const expiry = expectedExpiry(p.dateOfBirth, p.issueDate ?? '');
      expect(p.expiryDate).toBe(expiry);
      expect(p.bac.dateOfExpiry).toBe(expiry ? expiry.slice(2).replace(/-/g, '') : '991231');
      if (expiry) expect(expiry.slice(5)).toBe(p.dateOfBirth.slice(5));
      const qr = (p.qr ?? '').split('|');
      expect(qr.length).toBeGreaterThanOrEqual(p.cardType === 'can-cuoc-2024' ? 10 : 7);
      expect(qr[0]).toBe(p.idNumber);
      expect(qr[1]).toBe(p.oldIdNumber ?? '');
      expect(qr[2]).toBe(p.fullName);
      expect(qr[4]).toBe(p.sex === 'male' ? 'Nam' : 'Nữ');
    },
  );
});

describe('odd-INS READ BINARY beyond 32 KB', () => {
  it('serves offsets above 0x7FFF (beyond what B0 can address) through B1 with DO54', async () => {
    const p = loadProfile('young');
    const base = buildCardFiles(p, parseFaults([]));
    const big = new Uint8Array(40_000).map((_, i) => (i * 7) & 0xff);
    const files = new Map(base.files);
    files.set(FID.DG2, big);
    const card = new VirtualEmrtd({
      files: { ...base, files },
      bacKeys: bacKeysFromMrzInformation(mrzInformation(p.bac)),
      faults: parseFaults([]),
    });
    const s = await testBac(async (a) => card.process(a), p.bac);
    expect(await s.select(FID.DG2)).toBe(0x9000);
    const r = await s.send(0xb1, 0, 0, fromHex('5403009000'), 200); // offset 0x9000 = 36864
    expect(r.sw).toBe(0x9000);
    expect(r.data[0]).toBe(0x53);
    const len = r.data[1] === 0x81 ? (r.data[2] ?? 0) : (r.data[1] ?? 0);
    const body = r.data.subarray(r.data.length - len);
    expect(hex(body)).toBe(hex(big.subarray(0x9000, 0x9000 + len)));
    expect(len).toBeGreaterThan(190);
    const tail = await s.send(0xb1, 0, 0, fromHex('5403009C00'), 256); // 39936: 64 bytes left
    expect(tail.data.length).toBe(2 + 64);
  });
});
