/**
 * Integration: the real stack (smartcard N-API → pcscd → vpcd → simulator card) on a private pcscd of this
 * test file. Every fixture citizen, a card removed mid-DG2 and resumed, wrong key → next candidate, forged cards.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Identity } from '../../common/identity';
import { startPrivatePcscd, type PrivatePcscd } from '../../tests/support/pcscd';
import { waitUntil } from '../../tests/support/wait';
import { listProfiles, startVirtualCard, type VirtualCard, type FaultName } from '../simulator/index';
import { parseCccdQr } from '../qr/payload';
import type { PcscService as PcscServiceType } from '../pcsc/pcsc-service';
import { bacKeysFromQr, CardReadInterrupted, readCard, trustStoreFromPem, type ResumeState } from './index';
import { parseDg1 } from './lds/dg1';

const trustStore = trustStoreFromPem(
  readFileSync(new URL('../../fixtures/pki/csca.cert.pem', import.meta.url), 'utf8'),
);
const profiles = listProfiles();

let pcscd: PrivatePcscd;
let service: PcscServiceType;
let card: VirtualCard | null = null;

async function insertCard(
  profile: (typeof profiles)[number],
  faults: FaultName[] = [],
): Promise<VirtualCard> {
  await card?.stop();
  card = await startVirtualCard({ profile, faults, vpcdPort: pcscd.basePort, vpcdBasePort: pcscd.basePort });
  return card;
}

beforeAll(async () => {
  pcscd = await startPrivatePcscd();
  // The PC/SC client library reads the socket name once, at the first context: set it before loading smartcard.
  process.env.PCSCLITE_CSOCK_NAME = pcscd.socketPath;
  const { PcscService } = await import('../pcsc/pcsc-service');
  service = new PcscService();
});

afterAll(async () => {
  await card?.stop();
  service?.close();
  await pcscd?.stop();
});

describe('read through pcscd', () => {
  it('has fixture citizens', () => {
    expect(profiles.length).toBeGreaterThanOrEqual(5);
  });

  for (const profile of profiles) {
    it(`reads ${profile.id} correctly`, async () => {
      const c = await insertCard(profile);
      const t = await service.connect(c.readerName);
      try {
        // A CAN-only PACE chip needs its CAN; the others open with the MRZ key (PACE when offered, else BAC).
        const can = profile.chip?.pace?.mrz === false ? profile.chip.pace.can : undefined;
        const r = await readCard(t, { keys: [profile.bac], can, trustStore });
        expect(r.verification).toMatchObject({ passive: 'valid', active: 'valid' });
        expect(r.verification.chipAuthentication).toBe(
          profile.chip?.chipAuthentication ? 'valid' : 'unsupported',
        );
        expect(r.stats.access).toBe(profile.chip?.pace ? 'pace' : 'bac');
        expect(r.keyUsed).toEqual(can ? null : profile.bac);
        expect(Object.keys(r.files)).not.toContain('DG3');
        expect(r.photo?.mime).toBe(profile.portrait?.format === 'jp2' ? 'image/jp2' : 'image/jpeg');
        if (profile.cardType === 'passport') {
          expect(parseDg1(r.files.DG1!).documentNumber).toBe(profile.bac.documentNumber.replace(/<+$/, ''));
          return;
        }
        const id = Identity.parse(r.identity);
        expect(id).toMatchObject({
          idNumber: profile.idNumber,
          oldIdNumber: profile.oldIdNumber,
          fullName: profile.fullName,
          dateOfBirth: profile.dateOfBirth,
          sex: profile.sex,
          placeOfResidence: profile.placeOfResidence,
          issueDate: profile.issueDate,
          expiryDate: profile.expiryDate,
          fatherName: profile.fatherName,
          motherName: profile.motherName,
          spouseName: profile.spouseName,
          cardType: profile.cardType,
          source: 'chip',
        });
      } finally {
        t.disconnect();
      }
    });
  }

  it('card removed mid-DG2 → typed error; the read resumes from the last offset when it returns', async () => {
    const profile = profiles.find((p) => p.cardType === 'cccd-2021')!;
    const c = await insertCard(profile);
    const t = await service.connect(c.readerName);
    let resume: ResumeState | null = null;
    let removed = false;
    try {
      await readCard(t, {
        keys: [profile.bac],
        trustStore,
        strategy: { extendedLength: false },
        onProgress: (p) => {
          if (p.file === 'DG2' && p.bytes > 1000 && !removed) {
            removed = true;
            void c.remove();
          }
        },
      });
      expect.unreachable('the read should have been interrupted');
    } catch (e) {
      expect(e).toBeInstanceOf(CardReadInterrupted);
      expect((e as CardReadInterrupted).code).toBe('chip-card-removed');
      resume = (e as CardReadInterrupted).resume;
    } finally {
      t.disconnect();
    }
    expect(resume?.partial?.file).toBe('DG2');
    const already = resume!.partial!.bytes.length;
    expect(already).toBeGreaterThan(1000);
    await c.insert();
    const t2 = await service.connect(c.readerName);
    try {
      const r = await readCard(t2, {
        keys: [profile.bac],
        trustStore,
        resume: resume!,
        strategy: { extendedLength: false },
      });
      expect(r.verification).toMatchObject({ passive: 'valid', active: 'valid' });
      expect(r.files.DG2!.length).toBe(resume!.partial!.total);
      expect(Identity.parse(r.identity).idNumber).toBe(profile.idNumber);
      // Only the rest of DG2 (and DG14/DG15/AA) was read the second time.
      expect(r.apdus).toBeLessThan(Math.ceil((resume!.partial!.total - already) / 231) + 12);
    } finally {
      t2.disconnect();
    }
  });

  it('wrong key → 6300 → next candidate; QR-derived keys open the card', async () => {
    const profile = profiles.find((p) => p.qr && p.cardType !== 'passport')!;
    const c = await insertCard(profile);
    const wrong = {
      ...profile.bac,
      dateOfExpiry: profile.bac.dateOfExpiry === '991231' ? '300101' : '991231',
    };
    let t = await service.connect(c.readerName);
    try {
      const r = await readCard(t, { keys: [wrong, profile.bac], files: ['DG1'], trustStore });
      expect(r.keyUsed).toEqual(profile.bac);
      await expect(readCard(t, { keys: [wrong], files: ['DG1'], trustStore })).rejects.toMatchObject({
        code: 'chip-bac-no-key-matched',
      });
    } finally {
      t.disconnect();
    }
    const qr = parseCccdQr(profile.qr!);
    const keys = bacKeysFromQr({
      dateOfBirth: qr.dateOfBirth,
      issueDate: qr.issueDate,
      idNumber: qr.idNumber,
    });
    t = await service.connect(c.readerName);
    try {
      const r = await readCard(t, { keys, files: ['DG1', 'DG13'], trustStore });
      expect(r.keyUsed).toEqual(profile.bac);
      expect(r.identity?.idNumber).toBe(profile.idNumber);
    } finally {
      t.disconnect();
    }
  });

  it.each([
    ['forged-dg', { passive: 'hash-mismatch', active: 'valid' }],
    ['bad-sod-signature', { passive: 'bad-signature', active: 'valid' }],
    ['unknown-csca', { passive: 'unknown-csca', active: 'valid' }],
    ['expired-chain', { passive: 'expired-chain', active: 'valid' }],
    ['aa-fail', { passive: 'valid', active: 'failed' }],
    ['clone-no-dg15', { passive: 'valid', active: 'failed', requires: { activeAuthentication: true } }],
  ] as const)('forged card (%s) gets the right verdict', async (fault, verdict) => {
    const profile = profiles.find((p) => p.cardType === 'cccd-2021')!;
    const c = await insertCard(profile, [fault]);
    const t = await service.connect(c.readerName);
    try {
      const r = await readCard(t, { keys: [profile.bac], trustStore });
      expect(r.verification).toMatchObject(verdict);
    } finally {
      t.disconnect();
    }
  });

  it('PACE through pcscd: a CAN-only chip asks for its CAN, then opens with it (AES SM, CA)', async () => {
    const profile = profiles.find((p) => p.id === 'pace-only')!;
    const c = await insertCard(profile);
    let t = await service.connect(c.readerName);
    try {
      await expect(readCard(t, { keys: [profile.bac], trustStore })).rejects.toMatchObject({
        code: 'chip-can-required',
      });
    } finally {
      t.disconnect();
    }
    t = await service.connect(c.readerName);
    try {
      const r = await readCard(t, { keys: [], can: profile.chip!.pace!.can, trustStore });
      expect(r.stats.access).toBe('pace');
      expect(r.verification).toMatchObject({
        passive: 'valid',
        active: 'valid',
        chipAuthentication: 'valid',
      });
      expect(r.identity?.idNumber).toBe(profile.idNumber);
    } finally {
      t.disconnect();
    }
  });

  it('Chip Authentication through pcscd: a copy with another CA key fails CA', async () => {
    const profile = profiles.find((p) => p.id === 'chip-auth')!;
    const c = await insertCard(profile, ['ca-fail']);
    const t = await service.connect(c.readerName);
    try {
      const r = await readCard(t, { keys: [profile.bac], trustStore });
      expect(r.verification).toMatchObject({ passive: 'valid', chipAuthentication: 'failed' });
    } finally {
      t.disconnect();
    }
  });

  it('CLI: `card read` prints one JSON line (ICAO specimen passport by MRZ; a CCCD by QR); `card list`', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const run = (args: string[]) =>
      // Node with tsx's loader, as `npm run card` does through tsx, without npx and tsx's relay process.
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/card.ts', ...args], {
        cwd: root,
        env: { ...process.env, PCSCLITE_CSOCK_NAME: pcscd.socketPath },
      }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const trust = fileURLToPath(new URL('../../fixtures/pki/csca.cert.pem', import.meta.url));
    const passport = profiles.find((p) => p.id === 'icao-specimen-passport')!;
    const c = await insertCard(passport);
    const ok = await run([
      'read',
      '--reader',
      c.readerName,
      '--doc',
      'L898902C<',
      '--dob',
      '690806',
      '--expiry',
      '940623',
      '--trust',
      trust,
      '--json',
    ]);
    expect(ok.code).toBe(0);
    const lines = ok.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(Object.keys(json)).toEqual([
      'reader',
      'files',
      'identity',
      'verification',
      'access',
      'apdus',
      'ms',
    ]);
    expect(json.reader).toBe(c.readerName);
    expect(json.verification).toMatchObject({ passive: 'valid', active: 'valid' });
    expect(Object.keys(json.files).sort()).toEqual(['COM', 'DG1', 'DG14', 'DG15', 'DG2', 'SOD']);
    expect(Number.isInteger(json.apdus)).toBe(true);

    const bad = await run([
      'read',
      '--reader',
      c.readerName,
      '--doc',
      'L898902C<',
      '--dob',
      '690806',
      '--expiry',
      '991231',
      '--json',
    ]);
    expect(bad.code).not.toBe(0);
    expect(JSON.parse(bad.out.trim())).toEqual({
      error: { code: 'chip-bac-no-key-matched', message: expect.any(String) },
    });

    const citizen = profiles.find((p) => p.qr && p.cardType === 'cccd-2021')!;
    await insertCard(citizen);
    const byQr = await run(['read', '--qr', citizen.qr!, '--files', 'DG1,DG13', '--trust', trust, '--json']);
    expect(byQr.code).toBe(0);
    const q = JSON.parse(byQr.out.trim());
    expect(q.identity.idNumber).toBe(citizen.idNumber);
    expect(Object.keys(q.files).sort()).toEqual(['DG1', 'DG13']);

    const list = await run(['list']);
    expect(JSON.parse(list.out.trim()).readers).toContainEqual(
      expect.objectContaining({ name: c.readerName, cardPresent: true }),
    );
  });

  it('PcscService reports card removed / inserted events from pcscd (hot-plug)', async () => {
    const { PcscService } = await import('../pcsc/pcsc-service');
    const c = await insertCard(profiles[0]!);
    const watcher = new PcscService();
    const events: string[] = [];
    const seen = (type: string): Promise<void> =>
      new Promise<void>((resolve) => {
        if (events.includes(type)) return resolve();
        watcher.on('event', () => events.includes(type) && resolve());
      });
    watcher.on('event', (e) =>
      events.push(`${e.type}${'reader' in e && e.reader === c.readerName ? '' : ':other'}`),
    );
    watcher.start();
    try {
      // The monitor has seen the card (its first status) before it is taken away.
      await waitUntil(
        () => watcher.listReaders().some((r) => r.name === c.readerName && r.cardPresent),
        'the card in the watcher',
      );
      await c.remove();
      await seen('card-removed');
      expect(watcher.listReaders().find((r) => r.name === c.readerName)?.cardPresent).toBe(false);
      await c.insert();
      await seen('card-inserted');
      expect(await watcher.waitForCard(c.readerName, 5000)).toBe(c.readerName);
    } finally {
      watcher.close();
    }
  });
});
