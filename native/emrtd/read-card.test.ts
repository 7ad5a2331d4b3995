/** readCard end to end against the test-only FakeChip: strategy, fallbacks, resume, keys, verdicts. */
import { describe, expect, it } from 'vitest';
import { Identity } from '../../common/identity';
import { CardReadInterrupted, readCard, trustStoreFromPem, bacKeysFromQr, type ResumeState } from './index';
import { FakeChip } from './testing/fake-chip';
import { buildCom } from './testing/lds-builders';
import { CITIZEN_KEY, citizenFiles } from './testing/citizen-card';
import { generateKey, makePki, pem } from './testing/test-pki';
import type { ReadProgress } from './read-strategy';

const pki = makePki();
const trustStore = trustStoreFromPem(pem(pki.cscaCert));
const rsaAa = generateKey({ type: 'rsa', bits: 1024 });
const ecAa = generateKey({ type: 'ec', curve: 'P-256' });

describe('readCard', () => {
  it('reads, parses and verifies a CCCD with extended length', async () => {
    const files = citizenFiles(pki);
    const chip = new FakeChip({ files, key: CITIZEN_KEY });
    const progress: ReadProgress[] = [];
    let early: unknown = null;
    const r = await readCard(chip, {
      keys: [CITIZEN_KEY],
      trustStore,
      onProgress: (p) => progress.push(p),
      onIdentity: (id) => (early = id),
    });
    expect(Object.keys(r.files).sort()).toEqual(['COM', 'DG1', 'DG13', 'DG2', 'SOD']);
    for (const k of Object.keys(r.files) as (keyof typeof files)[]) expect(r.files[k]).toEqual(files[k]);
    expect(r.verification).toEqual({
      passive: 'valid',
      active: 'unsupported',
      chipAuthentication: 'unsupported',
      requires: { activeAuthentication: false, chipAuthentication: false },
      notRead: [],
    });
    expect(Identity.parse(r.identity)).toMatchObject({
      idNumber: '001090012345',
      fullName: 'Nguyễn Thị Thu Hà',
      cardType: 'cccd-2021',
    });
    expect(early).toMatchObject({ idNumber: '001090012345' });
    expect(r.photo).toMatchObject({ mime: 'image/jpeg', width: 480, height: 640 });
    expect(r.keyUsed).toEqual(CITIZEN_KEY);
    expect(progress.at(-1)).toMatchObject({
      file: 'DG2',
      bytes: files.DG2!.length,
      total: files.DG2!.length,
    });
    // Never DG3 (listed in EF.COM), never SELECT for SFI-readable files.
    expect(chip.log.some((l) => l.startsWith('0cb083'))).toBe(false);
    expect(chip.log.filter((l) => l.startsWith('0ca402')).length).toBe(0);
    expect(r.apdus).toBe(chip.apdus);
  });

  it('falls back from extended length to 231-byte blocks when the chip refuses it', async () => {
    const files = citizenFiles(pki);
    const chip = new FakeChip({ files, key: CITIZEN_KEY, chipExtended: false });
    const r = await readCard(chip, { keys: [CITIZEN_KEY], trustStore });
    expect(r.files.DG2).toEqual(files.DG2);
    expect(r.verification.passive).toBe('valid');
  });

  it('shrinks the block on 6700 and selects by file ID when SFI reads are refused', async () => {
    const files = citizenFiles(pki);
    const chip = new FakeChip({
      files,
      key: CITIZEN_KEY,
      transportExtended: false,
      maxShortLe: 160,
      sfi: false,
    });
    const r = await readCard(chip, { keys: [CITIZEN_KEY], trustStore });
    expect(r.files.DG13).toEqual(files.DG13);
    expect(r.files.DG2).toEqual(files.DG2);
    expect(chip.log.filter((l) => l.startsWith('0ca4020c')).length).toBeGreaterThanOrEqual(5);
  });

  it('re-runs BAC and resumes after a bad response MAC', async () => {
    const files = citizenFiles(pki);
    const chip = new FakeChip({ files, key: CITIZEN_KEY, transportExtended: false, corruptMacAtApdu: 20 });
    const r = await readCard(chip, { keys: [CITIZEN_KEY], trustStore });
    expect(r.files.DG2).toEqual(files.DG2);
    expect(chip.log.filter((l) => l === '00820000').length).toBe(2);
  });

  it('tries keys in order and stops at the first that opens the chip', async () => {
    const files = citizenFiles(pki);
    const chip = new FakeChip({ files, key: CITIZEN_KEY });
    const wrong = { ...CITIZEN_KEY, dateOfExpiry: '991231' };
    const r = await readCard(chip, {
      keys: [wrong, CITIZEN_KEY, { ...CITIZEN_KEY, dateOfExpiry: '500315' }],
      files: ['DG1'],
      trustStore,
    });
    expect(r.keyUsed).toEqual(CITIZEN_KEY);
    expect(chip.log.filter((l) => l === '00820000').length).toBe(2);
    await expect(
      readCard(new FakeChip({ files, key: CITIZEN_KEY }), { keys: [wrong], trustStore }),
    ).rejects.toMatchObject({
      code: 'chip-bac-no-key-matched',
    });
  });

  it('a card removed mid-DG2 gives a typed error; the read resumes from the last offset', async () => {
    const files = citizenFiles(pki, { dg2Size: 30000 });
    const chip = new FakeChip({ files, key: CITIZEN_KEY, transportExtended: false, removeAtApdu: 40 });
    let resume: ResumeState | null = null;
    try {
      await readCard(chip, { keys: [CITIZEN_KEY], trustStore });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CardReadInterrupted);
      expect((e as CardReadInterrupted).code).toBe('chip-card-removed');
      resume = (e as CardReadInterrupted).resume;
    }
    expect(resume?.partial?.file).toBe('DG2');
    const done = resume!.partial!.bytes.length;
    expect(done).toBeGreaterThan(0);
    const again = new FakeChip({ files, key: CITIZEN_KEY, transportExtended: false });
    const r = await readCard(again, { keys: [CITIZEN_KEY], trustStore, resume: resume! });
    expect(r.files.DG2).toEqual(files.DG2);
    expect(r.verification.passive).toBe('valid');
    // The second session does not re-read what was already read.
    expect(again.apdus).toBeLessThan(Math.ceil((files.DG2!.length - done) / 231) + 8);
  });

  it('active authentication: RSA ISO 9796-2 and ECDSA, valid and failed', async () => {
    for (const [key, kind] of [
      [rsaAa, 'rsa'],
      [ecAa, 'ec'],
    ] as const) {
      const files = citizenFiles(pki, { aaKey: key });
      const ok = await readCard(
        new FakeChip({ files, key: CITIZEN_KEY, aa: { kind, privateKey: key.privateKey } }),
        { keys: [CITIZEN_KEY], trustStore },
      );
      expect(ok.verification).toMatchObject({ passive: 'valid', active: 'valid' });
      const bad = await readCard(
        new FakeChip({ files, key: CITIZEN_KEY, aa: { kind, privateKey: key.privateKey, wrong: true } }),
        {
          keys: [CITIZEN_KEY],
          trustStore,
        },
      );
      expect(bad.verification.active).toBe('failed');
    }
  });

  it('a copy that leaves DG15 out (EF.COM edited, SOD still signs it) fails AA and still asks for DG15', async () => {
    const genuine = citizenFiles(pki, { aaKey: ecAa });
    const clone = { ...genuine, COM: buildCom(['DG1', 'DG2', 'DG13', 'DG14']) };
    delete clone.DG15;
    const chip = new FakeChip({ files: clone, key: CITIZEN_KEY });
    const r = await readCard(chip, { keys: [CITIZEN_KEY], trustStore });
    expect(r.verification).toMatchObject({
      passive: 'valid',
      active: 'failed',
      requires: { activeAuthentication: true, chipAuthentication: false },
      notRead: ['DG15'],
    });
    // DG15 was asked for although EF.COM leaves it out (SFI 0F).
    expect(chip.log.some((l) => l.startsWith('0cb08f'))).toBe(true);
    // Only asking for fewer files leaves AA "not checked" (the identify flow always asks for all).
    const partial = await readCard(new FakeChip({ files: clone, key: CITIZEN_KEY }), {
      keys: [CITIZEN_KEY],
      trustStore,
      files: ['DG1', 'SOD'],
    });
    expect(partial.verification).toMatchObject({
      active: 'not-checked',
      notRead: ['DG2', 'DG13', 'DG14', 'DG15'],
    });
  });

  it('a bad MAC on the INTERNAL AUTHENTICATE answer (the link, once) is retried, not called a forgery', async () => {
    const files = citizenFiles(pki, { aaKey: ecAa });
    const aa = { kind: 'ec', privateKey: ecAa.privateKey } as const;
    const clean = await readCard(new FakeChip({ files, key: CITIZEN_KEY, aa }), {
      keys: [CITIZEN_KEY],
      trustStore,
    });
    expect(clean.verification.active).toBe('valid');
    // INTERNAL AUTHENTICATE is the last APDU of a read.
    const flaky = new FakeChip({ files, key: CITIZEN_KEY, aa, corruptMacAtApdu: clean.apdus });
    const r = await readCard(flaky, { keys: [CITIZEN_KEY], trustStore });
    expect(r.verification.active).toBe('valid');
    expect(r.apdus).toBeGreaterThan(clean.apdus);
  });

  it('a copy that withholds DG14 (the SOD signs it) fails Chip Authentication', async () => {
    const genuine = citizenFiles(pki, { aaKey: ecAa });
    const clone = { ...genuine, COM: buildCom(['DG1', 'DG2', 'DG13', 'DG15']) };
    delete clone.DG14;
    const r = await readCard(
      new FakeChip({ files: clone, key: CITIZEN_KEY, aa: { kind: 'ec', privateKey: ecAa.privateKey } }),
      { keys: [CITIZEN_KEY], trustStore },
    );
    expect(r.verification).toMatchObject({
      passive: 'valid',
      active: 'valid',
      chipAuthentication: 'failed',
      requires: { chipAuthentication: true },
      notRead: ['DG14'],
    });
  });

  it('an INTERNAL AUTHENTICATE error or an unreadable DG15 key is a failed AA when the SOD lists DG15', async () => {
    const files = citizenFiles(pki, { aaKey: ecAa });
    const noAa = await readCard(new FakeChip({ files, key: CITIZEN_KEY }), {
      keys: [CITIZEN_KEY],
      trustStore,
    });
    expect(noAa.verification).toMatchObject({ active: 'failed', requires: { activeAuthentication: true } });
  });

  it('forged SOD hash → hash-mismatch; unknown CSCA → unknown-csca', async () => {
    const forged = citizenFiles(pki, { tamper: { hashOf: 'DG13' } });
    const r = await readCard(new FakeChip({ files: forged, key: CITIZEN_KEY }), {
      keys: [CITIZEN_KEY],
      trustStore,
    });
    expect(r.verification.passive).toBe('hash-mismatch');
    const other = makePki({ cscaName: 'CSCA Other' });
    const r2 = await readCard(new FakeChip({ files: citizenFiles(other), key: CITIZEN_KEY }), {
      keys: [CITIZEN_KEY],
      trustStore,
    });
    expect(r2.verification.passive).toBe('unknown-csca');
  });

  it('bacKeysFromQr: last 9 digits, DOB, candidate expiries with 991231', () => {
    const keys = bacKeysFromQr({
      idNumber: '001090012345',
      dateOfBirth: '1990-03-15',
      issueDate: '2021-05-10',
    });
    expect(keys[0]).toEqual({ documentNumber: '090012345', dateOfBirth: '900315', dateOfExpiry: '300315' });
    expect(keys.map((k) => k.dateOfExpiry)).toContain('991231');
    expect(
      bacKeysFromQr({ idNumber: '001090012345', dateOfBirth: '15031990', issueDate: '10052021' })[0],
    ).toEqual(keys[0]);
  });

  it('files beyond 32 KiB are read with READ BINARY B1 (offset in DO54), short and extended', async () => {
    for (const transportExtended of [false, true]) {
      const files = citizenFiles(pki, { dg2Size: 40000 });
      const chip = new FakeChip({ files, key: CITIZEN_KEY, transportExtended });
      const r = await readCard(chip, { keys: [CITIZEN_KEY], trustStore });
      expect(r.files.DG2).toEqual(files.DG2);
      expect(chip.b1Reads).toBeGreaterThan(0);
      expect(r.verification.passive).toBe('valid');
    }
  });

  it('an aborted read stops with a typed error', async () => {
    const ac = new AbortController();
    const chip = new FakeChip({ files: citizenFiles(pki), key: CITIZEN_KEY, transportExtended: false });
    await expect(
      readCard(chip, {
        keys: [CITIZEN_KEY],
        trustStore,
        signal: ac.signal,
        onProgress: (p) => p.file === 'DG2' && ac.abort(),
      }),
    ).rejects.toMatchObject({ code: 'chip-aborted' });
  });

  it('identity is announced before DG2 even when the card has no DG13 (passport)', async () => {
    const files = citizenFiles(pki);
    delete files.DG13;
    const order: string[] = [];
    await readCard(new FakeChip({ files, key: CITIZEN_KEY }), {
      keys: [CITIZEN_KEY],
      trustStore,
      onIdentity: () => order.push('identity'),
      onProgress: (p) => order.at(-1) !== p.file && order.push(p.file),
    });
    expect(order.indexOf('identity')).toBeLessThan(order.indexOf('DG2'));
  });

  it('a reader that fails extended APDUs at the transport level falls back to short blocks', async () => {
    const files = citizenFiles(pki);
    const chip = new FakeChip({ files, key: CITIZEN_KEY, transportExtended: false });
    const overclaiming = {
      readerName: 'ACR1281 (claims extended)',
      extendedLength: true,
      transmit: (a: Uint8Array) => chip.transmit(a),
    };
    const r = await readCard(overclaiming, { keys: [CITIZEN_KEY], trustStore });
    expect(r.files.DG2).toEqual(files.DG2);
    expect(r.stats).toMatchObject({ extendedLength: false, blockSize: 231 });
    expect(r.verification.passive).toBe('valid');
  });
});
