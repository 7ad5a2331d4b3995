/** A second person's card in the same session (household head, other parent…): same pipeline, own consent. */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trustStoreFromPem } from '../../native/emrtd';
import type { PcscEvent } from '../../native/pcsc/pcsc-service';
import { createInProcessCard, loadProfile, PKI_DIR } from '../../native/simulator';
import { DeviceStatusBoard } from '../devices/device-status';
import { SessionManager } from '../session/session-manager';
import { type IdentifyEvent, IdentifyService } from './identify-service';

const trustStore = trustStoreFromPem(readFileSync(path.join(PKI_DIR, 'csca.cert.pem'), 'utf8'));

function rig() {
  let card = createInProcessCard(loadProfile('over-60'));
  const bus = new EventEmitter();
  const sessions = new SessionManager();
  const events: IdentifyEvent[] = [];
  const waiters: ((e: IdentifyEvent) => void)[] = [];
  const service = new IdentifyService({
    pcsc: {
      listReaders: () => [],
      connect: async () => card,
      on: (_: 'event', l: (e: PcscEvent) => void) => bus.on('event', l),
    },
    sessions,
    status: new DeviceStatusBoard(),
    trustStore,
    emit: (e) => {
      events.push(e);
      for (const w of waiters) w(e);
    },
  });
  const until = (...types: IdentifyEvent['type'][]) =>
    new Promise<IdentifyEvent>((resolve) => waiters.push((e) => types.includes(e.type) && resolve(e)));
  const put = (profileId: string, faults: string[] = []) => {
    bus.emit('event', { type: 'card-removed', reader: card.readerName });
    card = createInProcessCard(loadProfile(profileId), { faults });
    bus.emit('event', { type: 'card-inserted', reader: card.readerName, atr: null });
  };
  return { service, sessions, events, until, put };
}

async function ownCard(r: ReturnType<typeof rig>): Promise<void> {
  r.sessions.start('vi');
  r.service.setConsent(true);
  const end = r.until('verified', 'failed');
  r.service.provideQr(loadProfile('over-60').qr!);
  r.put('over-60');
  expect(await end).toMatchObject({ decision: 'accept' });
}

describe('IdentifyService: another person’s card', () => {
  it('is refused before the citizen’s own card was accepted', () => {
    const r = rig();
    r.sessions.start('vi');
    expect(() => r.service.startOther('household-head')).toThrow(
      expect.objectContaining({ code: 'consent-required' }),
    );
  });

  it('needs that person’s own consent and key, verifies the chip, and leaves the citizen’s identity alone', async () => {
    const r = rig();
    await ownCard(r);
    const son = loadProfile('cccd-2021-no-cmnd');
    r.service.startOther('household-head');
    // their card on the reader reads nothing before they consent
    r.put(son.id);
    expect(() => r.service.provideQr(son.qr!)).toThrow(expect.objectContaining({ code: 'consent-required' }));
    r.service.setConsent(true);
    const done = r.until('other', 'failed');
    r.service.provideQr(son.qr!);
    const e = await done;
    expect(e).toMatchObject({
      type: 'other',
      role: 'household-head',
      decision: 'accept',
      identity: { fullName: son.fullName, idNumber: son.idNumber },
    });
    const session = r.sessions.active!;
    expect(session.personal.get('identity')).toMatchObject({ fullName: 'Lê Thị Bưởi' });
    expect(session.personal.get('other:household-head')).toMatchObject({ decision: 'accept' });
    // no primary identity events were sent for the second card
    const after = r.events.slice(r.events.indexOf(e) - 5);
    expect(after.filter((x) => x.type === 'identity' || x.type === 'verified')).toEqual([]);
  });

  it('a forged second card is reported as such; declining ends only the second read', async () => {
    const r = rig();
    await ownCard(r);
    const son = loadProfile('cccd-2021-no-cmnd');
    r.service.startOther('owner');
    r.put(son.id, ['forged-dg']);
    r.service.setConsent(true);
    const done = r.until('other', 'failed');
    r.service.provideQr(son.qr!);
    expect(await done).toMatchObject({ type: 'other', decision: 'refuse-forged' });
    r.service.startOther('owner');
    r.service.setConsent(false);
    expect(r.sessions.active).not.toBeNull();
  });
});
