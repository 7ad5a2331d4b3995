/** Refused cards reach the audit log with the reason, card type and CSCA — and nothing personal. */
import { EventEmitter } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path, { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { trustStoreFromPem } from '../../native/emrtd';
import type { PcscEvent } from '../../native/pcsc/pcsc-service';
import { createInProcessCard, loadProfile, PKI_DIR } from '../../native/simulator';
import { DeviceStatusBoard } from '../devices/device-status';
import { SessionManager } from '../session/session-manager';
import { FileKeyProvider } from '../store/keys';
import { KioskStore } from '../store/store';
import { scratchDir } from '../store/testing/test-helpers';
import { type IdentifyEvent, IdentifyService } from './identify-service';

const trustStore = trustStoreFromPem(readFileSync(path.join(PKI_DIR, 'csca.cert.pem'), 'utf8'));
const CITIZENS_DIR = path.resolve(__dirname, '../../fixtures/citizens');

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** Every name, number and date of every fictional citizen in fixtures/citizens. */
function fixtureSecrets(): string[] {
  const out = new Set<string>();
  for (const f of readdirSync(CITIZENS_DIR).filter((n) => n.endsWith('.json'))) {
    const c = JSON.parse(readFileSync(join(CITIZENS_DIR, f), 'utf8')) as Record<string, unknown>;
    for (const k of [
      'idNumber',
      'oldIdNumber',
      'fullName',
      'fatherName',
      'motherName',
      'spouseName',
      'dateOfBirth',
    ])
      if (typeof c[k] === 'string' && (c[k] as string).length >= 6) out.add(c[k] as string);
    const bac = c.bac as Record<string, string> | undefined;
    if (bac?.documentNumber) out.add(bac.documentNumber);
  }
  return [...out];
}

async function readRefused(store: KioskStore, profileId: string, faults: string[]) {
  const profile = loadProfile(profileId);
  const card = createInProcessCard(profile, { faults });
  const bus = new EventEmitter();
  const sessions = new SessionManager();
  let done: (e: IdentifyEvent) => void = () => undefined;
  const end = new Promise<IdentifyEvent>((r) => (done = r));
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
      if (e.type === 'verified' || e.type === 'failed') done(e);
    },
    onRefused: (r) => store.audit('citizen', 'card.refused', undefined, { ...r }),
  });
  sessions.start('vi');
  service.setConsent(true);
  service.provideQr(profile.qr!);
  bus.emit('event', { type: 'card-inserted', reader: card.readerName, atr: null });
  const e = await end;
  sessions.end('done');
  return e;
}

describe('refused cards in the audit log', () => {
  it('record decision, verdicts, card type and CSCA, and no personal data', async () => {
    const s = scratchDir('card-audit-');
    cleanups.push(s.cleanup);
    const dbPath = join(s.dir, 'kiosk.db');
    const store = KioskStore.open({
      path: dbPath,
      keys: new FileKeyProvider(join(s.dir, 'keys', 'data.key')),
    });
    cleanups.unshift(() => store.close());

    expect(await readRefused(store, 'cccd-2021-no-cmnd', ['forged-dg'])).toMatchObject({
      decision: 'refuse-forged',
    });
    expect(await readRefused(store, 'can-cuoc-2024', ['unknown-csca'])).toMatchObject({
      decision: 'refuse-unverifiable',
    });
    expect(await readRefused(store, 'over-60', ['bad-sod-signature'])).toMatchObject({
      decision: 'refuse-forged',
    });
    // An accepted card leaves no card.refused row.
    expect(await readRefused(store, 'young', [])).toMatchObject({ decision: 'accept' });

    const rows = store.readAudit().filter((e) => e.action === 'card.refused');
    expect(rows.map((r) => r.detail)).toEqual([
      {
        decision: 'refuse-forged',
        passive: 'hash-mismatch',
        active: expect.any(String),
        cardType: 'cccd-2021',
        csca: expect.stringMatching(/CN=/),
      },
      {
        decision: 'refuse-unverifiable',
        passive: 'unknown-csca',
        active: expect.any(String),
        cardType: 'can-cuoc-2024',
        csca: expect.stringMatching(/CN=/),
      },
      {
        decision: 'refuse-forged',
        passive: 'bad-signature',
        active: expect.any(String),
        cardType: expect.any(String),
        csca: expect.stringMatching(/CN=/),
      },
    ]);
    for (const r of rows) expect(r.actor).toBe('citizen');
    expect(rows[0]!.detail.csca).not.toBe(rows[1]!.detail.csca); // the unknown CSCA is named as the chip names it

    // Scan the audit rows and every byte on disk for the fixture citizens' names, numbers and dates.
    store.db.pragma('wal_checkpoint(PASSIVE)');
    const text = JSON.stringify(store.readAudit());
    const files = ['', '-wal', '-shm']
      .filter((x) => existsSync(dbPath + x))
      .map((x) => readFileSync(dbPath + x));
    const secrets = fixtureSecrets();
    expect(secrets.length).toBeGreaterThan(10);
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      for (const f of files) expect(f.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    }
    expect(store.verifyAudit().ok).toBe(true);
  });
});
