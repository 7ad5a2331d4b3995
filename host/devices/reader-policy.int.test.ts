/**
 * Production refuses a virtual reader end to end: a card in vpcd's "Virtual PCD" (an isolated pcscd, the
 * simulator behind it) is never read by a production kiosk, which says why in its log; the status strip
 * shows no reader.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type PcscEvent, PcscService } from '../../native/pcsc/pcsc-service';
import { listProfiles, startVirtualCard, type VirtualCard } from '../../native/simulator';
import { waitUntil } from '../../tests/support/wait';
import { loadConfig } from '../config/config';
import { type KioskServices, startKioskServices } from '../kiosk-services';
import { type IsolatedPcscd, startIsolatedPcscd } from './isolated-pcscd';

let pcscd: IsolatedPcscd;
let card: VirtualCard;
let services: KioskServices;
// What the kiosk's own PcscService hears from pcscd for the virtual reader, before the reader policy filters it:
// the test waits on this, so "the kiosk heard nothing" is asserted after the events reached the kiosk.
const rawHeard: string[] = [];
// What the host logs (host/log): warnings recorded with their structured fields, so the refusal's sentence is seen.
const { logged } = vi.hoisted(() => ({ logged: [] as string[] }));
vi.mock('../log/logger', async (importOriginal) => {
  const real = await importOriginal<typeof import('../log/logger')>();
  const record =
    (level: string) =>
    (fields: unknown, msg?: string): void =>
      void logged.push(`${level} ${msg ?? ''} ${Object.values((fields ?? {}) as object).join(' ')}`);
  return {
    ...real,
    logger: (module: string) =>
      Object.assign(Object.create(real.logger(module)) as object, {
        warn: record('warn'),
        error: record('error'),
      }),
  };
});

beforeAll(async () => {
  pcscd = await startIsolatedPcscd();
  process.env.PCSCLITE_CSOCK_NAME = pcscd.socketPath;
  const profile = listProfiles().find((p) => p.id === 'cccd-2021-with-cmnd')!;
  card = await startVirtualCard({
    profile,
    vpcdSocket: pcscd.vpcdSockets[0],
    vpcdPort: pcscd.basePort,
    vpcdBasePort: pcscd.basePort,
  });
  const emit = PcscService.prototype.emit as (this: PcscService, name: 'event', event: PcscEvent) => boolean;
  vi.spyOn(PcscService.prototype, 'emit').mockImplementation(function (
    this: PcscService,
    name: 'event',
    event: PcscEvent,
  ) {
    if ('reader' in event && event.reader === card.readerName) rawHeard.push(event.type);
    return emit.call(this, name, event);
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-refuse-'));
  services = await startKioskServices(
    loadConfig({ dataDir, devices: { scannerPath: null } }, {}), // production: the default
    { speech: null },
  );
});
afterAll(async () => {
  await services?.stop();
  await card?.stop();
  await pcscd?.stop();
  vi.restoreAllMocks();
});

describe('production and a virtual reader', () => {
  it('is refused with a sentence for the technician, and the status strip shows no reader', () => {
    expect(logged.join('\n')).toContain(
      'Reader "Virtual PCD 00 00" is a virtual (software) reader: refused in production mode',
    );
    expect(services.created.services.status.get().reader).toMatchObject({
      state: 'no-reader',
      simulated: false,
    });
    expect(services.devices?.simulator).toBeNull();
    expect(services.created.host.has('simulator.insertCard')).toBe(false);
  });

  it('a card in it is never read, even with consent and the right key', async () => {
    const { host } = services.created;
    const events: string[] = [];
    host.onEvent((e) => events.push(e));
    await host.call('session.start', { language: 'vi' });
    await host.call('session.consent', { granted: true });
    const key = card.bac;
    await host.call('identify.mrz', {
      documentNumber: key.documentNumber,
      dateOfBirth: key.dateOfBirth,
      dateOfExpiry: key.dateOfExpiry,
    });
    // The card leaves and comes back: the kiosk's own PC/SC service hears both from pcscd (recorded below,
    // before the policy's filter sees them), the kiosk acts on neither.
    await card.remove();
    await waitUntil(
      () => rawHeard.includes('card-removed'),
      "the kiosk's PC/SC service to hear the card leave",
    );
    await card.insert();
    await waitUntil(
      () => rawHeard.lastIndexOf('card-inserted') > rawHeard.lastIndexOf('card-removed'),
      "the kiosk's PC/SC service to hear the card come back",
    );
    // The filter drops an event synchronously; one more round trip lets anything the kiosk queued reach `events`.
    await host.call('status.get', {});
    expect(events.filter((e) => e.startsWith('identify.') || e === 'card.presence')).toEqual([]);
    await host.call('session.end', { reason: 'cancel' });
  });
});
