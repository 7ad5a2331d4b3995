/** The identify flow with the simulator's in-process card behind a stand-in for PC/SC (no pcscd needed). */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bacKeysFromQr, readCard, trustStoreFromPem } from '../../native/emrtd';
import { parseCccdQr } from '../../native/qr/payload';
import type { PcscEvent } from '../../native/pcsc/pcsc-service';
import { createInProcessCard, listProfiles, loadProfile, PKI_DIR } from '../../native/simulator';
import { DeviceStatusBoard } from '../devices/device-status';
import { SessionManager } from '../session/session-manager';
import type { ChipVerification } from '../../common/identity';
import { type IdentifyEvent, IdentifyService, type VerificationDecision, decide } from './identify-service';

const trustStore = trustStoreFromPem(readFileSync(path.join(PKI_DIR, 'csca.cert.pem'), 'utf8'));

function rig(profileId: string, faults: string[] = []) {
  const profile = loadProfile(profileId);
  const card = createInProcessCard(profile, { faults });
  const bus = new EventEmitter();
  const pcsc = {
    listReaders: () => [],
    connect: async () => card,
    on: (_: 'event', l: (e: PcscEvent) => void) => bus.on('event', l),
  };
  const sessions = new SessionManager();
  const events: IdentifyEvent[] = [];
  const waiters: ((e: IdentifyEvent) => void)[] = [];
  const service = new IdentifyService({
    pcsc,
    sessions,
    status: new DeviceStatusBoard(),
    trustStore,
    emit: (e) => {
      events.push(e);
      for (const w of waiters) w(e);
    },
  });
  const until = (type: IdentifyEvent['type'] | 'end') =>
    new Promise<IdentifyEvent>((resolve) => {
      waiters.push((e) => {
        if (e.type === type || (type === 'end' && (e.type === 'verified' || e.type === 'failed'))) resolve(e);
      });
    });
  const insert = () => bus.emit('event', { type: 'card-inserted', reader: card.readerName, atr: null });
  const remove = () => bus.emit('event', { type: 'card-removed', reader: card.readerName });
  return { profile, card, service, sessions, events, until, insert, remove };
}

describe('IdentifyService', () => {
  it('reads nothing before consent, then reads the chip with keys from the QR', async () => {
    const r = rig('cccd-2021-with-cmnd');
    r.sessions.start('vi');
    expect(() => r.service.provideQr(r.profile.qr!)).toThrow(
      expect.objectContaining({ code: 'consent-required' }),
    );
    r.insert();
    await new Promise((res) => setTimeout(res, 20));
    expect(r.events.filter((e) => e.type === 'progress')).toHaveLength(0);

    r.service.setConsent(true);
    const end = r.until('end');
    r.service.provideQr(r.profile.qr!);
    const verified = await end;
    expect(verified).toMatchObject({
      type: 'verified',
      decision: 'accept',
      verification: { passive: 'valid' },
    });
    const identity = r.events.find((e) => e.type === 'identity');
    expect(identity).toMatchObject({
      identity: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '001190012345', oldIdNumber: '012345678' },
    });
    // The identity came before the photo.
    expect(r.events.findIndex((e) => e.type === 'identity')).toBeLessThan(
      r.events.findIndex((e) => e.type === 'photo'),
    );
    const photo = r.events.find((e) => e.type === 'photo');
    expect(photo).toMatchObject({ dataUrl: expect.stringMatching(/^data:image\/jpeg;base64,\/9j\//) });
    expect(r.sessions.active?.personal.get('identity')).toMatchObject({ fullName: 'Nguyễn Thị Hồng Nhung' });
  });

  it('a QR shown before the session waits for consent; one shown while the last citizen takes their card does not', () => {
    const held = rig('cccd-2021-with-cmnd');
    held.service.offerQr(held.profile.qr!);
    expect(held.events).toEqual([{ type: 'qr-waiting' }]);
    held.sessions.start('vi');
    held.service.setConsent(true);
    expect(held.service.hasKey).toBe(true);

    const left = rig('cccd-2021-with-cmnd');
    left.insert();
    left.sessions.start('vi');
    left.sessions.end('done');
    left.service.offerQr(left.profile.qr!); // after the end, on the "take your card" screen
    left.remove();
    left.sessions.start('vi');
    left.service.setConsent(true);
    expect(left.service.hasKey).toBe(false);
  });

  it('declining consent ends the session', () => {
    const r = rig('over-60');
    r.sessions.start('vi');
    const ended: string[] = [];
    r.sessions.onEnd((reason) => ended.push(reason));
    r.service.setConsent(false);
    expect(ended).toEqual(['consent-declined']);
    expect(r.sessions.active).toBeNull();
  });

  it('refuses a forged chip', async () => {
    const r = rig('cccd-2021-no-cmnd', ['forged-dg']);
    r.sessions.start('vi');
    r.service.setConsent(true);
    r.service.provideQr(r.profile.qr!);
    const end = r.until('end');
    r.insert();
    expect(await end).toMatchObject({
      decision: 'refuse-forged',
      verification: { passive: 'hash-mismatch' },
    });
  });

  it('a card pulled mid-read fails with a typed error and the read resumes when it comes back', async () => {
    const r = rig('young', ['remove-after:12']);
    r.sessions.start('en');
    r.service.setConsent(true);
    r.service.provideMrz(r.profile.bac);
    const failed = r.until('failed');
    r.insert();
    expect(await failed).toMatchObject({ code: 'chip-card-removed' });
    expect(r.events.filter((e) => e.type === 'progress').length).toBeGreaterThan(0);
    // Each time the card comes back the read goes on from where it stopped, until it is complete.
    let end: IdentifyEvent = { type: 'failed', code: 'chip-card-removed' };
    let inserts = 1;
    while (end.type === 'failed' && inserts < 60) {
      expect(end).toMatchObject({ code: 'chip-card-removed' });
      const next = r.until('end');
      r.card.insert();
      r.insert();
      inserts++;
      end = await next;
    }
    expect(end).toMatchObject({ type: 'verified', decision: 'accept' });
    expect(inserts).toBeGreaterThanOrEqual(2);
    expect(r.events.find((e) => e.type === 'identity')).toMatchObject({
      identity: { idNumber: r.profile.idNumber },
    });
  });

  it('wipes keys and identity when the session ends', async () => {
    const r = rig('long-address');
    r.sessions.start('vi');
    r.service.setConsent(true);
    r.service.provideQr(r.profile.qr!);
    expect(r.service.hasKey).toBe(true);
    r.sessions.end('timeout');
    expect(r.service.hasKey).toBe(false);
  });

  it('refuses a copied chip that leaves out DG15 (SOD still lists it) as forged', async () => {
    const r = rig('young', ['clone-no-dg15']);
    r.sessions.start('vi');
    r.service.setConsent(true);
    r.service.provideMrz(r.profile.bac);
    const end = r.until('end');
    r.insert();
    expect(await end).toMatchObject({
      decision: 'refuse-forged',
      verification: { passive: 'valid', active: 'failed', requires: { activeAuthentication: true } },
    });
  });

  it('a PACE-only chip asks for its CAN; a wrong CAN is said so; the right one opens it (PACE, CA, AA)', async () => {
    const r = rig('pace-only');
    r.sessions.start('vi');
    r.service.setConsent(true);
    let end = r.until('end');
    r.service.provideQr(r.profile.qr!);
    r.insert();
    expect(await end).toMatchObject({ type: 'failed', code: 'chip-can-required' });
    expect(() => r.service.provideCan('12345')).toThrow(
      expect.objectContaining({ code: 'chip-can-invalid' }),
    );
    end = r.until('end');
    r.service.provideCan('000000');
    expect(await end).toMatchObject({ type: 'failed', code: 'chip-pace-failed' });
    end = r.until('end');
    r.service.provideCan(r.profile.chip!.pace!.can);
    expect(await end).toMatchObject({
      type: 'verified',
      decision: 'accept',
      verification: { passive: 'valid', active: 'valid', chipAuthentication: 'valid' },
    });
    expect(r.events.find((e) => e.type === 'identity')).toMatchObject({
      identity: { fullName: 'Lê Văn Khải' },
    });
    r.sessions.end('timeout');
    expect(r.service.hasKey).toBe(false);
  });

  it('refuses a chip whose Chip Authentication fails (a copy without the CA key) as forged', async () => {
    const r = rig('chip-auth', ['ca-fail']);
    r.sessions.start('en');
    r.service.setConsent(true);
    r.service.provideMrz(r.profile.bac);
    const end = r.until('end');
    r.insert();
    expect(await end).toMatchObject({
      decision: 'refuse-forged',
      verification: { passive: 'valid', chipAuthentication: 'failed' },
    });
  });

  it('refuses a chip whose Active Authentication fails as forged', async () => {
    const r = rig('over-60', ['aa-fail']);
    r.sessions.start('vi');
    r.service.setConsent(true);
    r.service.provideMrz(r.profile.bac);
    const end = r.until('end');
    r.insert();
    expect(await end).toMatchObject({
      decision: 'refuse-forged',
      verification: { passive: 'valid', active: 'failed' },
    });
  });
});

describe('decide: every row of the decision table (README)', () => {
  const base: ChipVerification = {
    passive: 'valid',
    active: 'valid',
    chipAuthentication: 'valid',
    requires: { activeAuthentication: true, chipAuthentication: true },
    notRead: ['DG3'],
  };
  const none = { activeAuthentication: false, chipAuthentication: false };
  const rows: [string, Partial<ChipVerification>, boolean, VerificationDecision][] = [
    ['1 hash mismatch', { passive: 'hash-mismatch' }, true, 'refuse-forged'],
    [
      '1 bad SOD signature',
      { passive: 'bad-signature', active: 'unsupported', requires: none },
      true,
      'refuse-forged',
    ],
    ['2 AA failed', { active: 'failed' }, true, 'refuse-forged'],
    [
      '2 AA failed, even with an unknown CSCA accepted',
      { passive: 'unknown-csca', active: 'failed' },
      true,
      'refuse-forged',
    ],
    ['3 CA failed', { chipAuthentication: 'failed' }, true, 'refuse-forged'],
    [
      '3 CA failed although AA passed',
      { chipAuthentication: 'failed', active: 'valid' },
      false,
      'refuse-forged',
    ],
    ['4 AA required, key unsupported', { active: 'unsupported' }, true, 'refuse-unverifiable'],
    ['4 AA required, not checked', { active: 'not-checked' }, true, 'refuse-unverifiable'],
    ['5 CA required, not checked', { chipAuthentication: 'not-checked' }, true, 'refuse-unverifiable'],
    ['5 CA required, unsupported', { chipAuthentication: 'unsupported' }, true, 'refuse-unverifiable'],
    ['6 valid, AA and CA valid', {}, false, 'accept'],
    [
      '6 valid, nothing required (no DG14/DG15 in the SOD)',
      { active: 'unsupported', chipAuthentication: 'unsupported', requires: none },
      false,
      'accept',
    ],
    ['7 unknown CSCA, policy accepts', { passive: 'unknown-csca' }, true, 'accept'],
    ['8 unknown CSCA, policy refuses', { passive: 'unknown-csca' }, false, 'refuse-unverifiable'],
    ['8 expired chain', { passive: 'expired-chain' }, true, 'refuse-unverifiable'],
    [
      '8 SOD not read',
      { passive: 'not-checked', requires: none, active: 'not-checked', chipAuthentication: 'not-checked' },
      true,
      'refuse-unverifiable',
    ],
  ];
  for (const [name, change, acceptUnknownCsca, expected] of rows) {
    it(`row ${name} → ${expected}`, () => {
      expect(decide({ ...base, ...change }, { acceptUnknownCsca })).toBe(expected);
    });
  }
});

describe('keys from the QR alone', () => {
  for (const profile of listProfiles().filter((p) => p.qr)) {
    it(`open ${profile.id}: the right expiry is among the candidates`, async () => {
      const qr = parseCccdQr(profile.qr!);
      const keys = bacKeysFromQr({
        dateOfBirth: qr.dateOfBirth,
        issueDate: qr.issueDate,
        idNumber: qr.idNumber,
      });
      expect(keys.map((k) => k.dateOfExpiry)).toContain(profile.bac.dateOfExpiry);
      // A CAN-only chip (PACE without the MRZ password) needs its CAN as well; the MRZ key still matches.
      const can = profile.chip?.pace?.mrz === false ? profile.chip.pace.can : undefined;
      const r = await readCard(createInProcessCard(profile), { keys, can, files: ['DG1'], trustStore });
      expect(r.keyUsed).toEqual(can ? null : profile.bac);
    });
  }
});
