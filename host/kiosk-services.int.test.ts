/**
 * The composition root wires the SERIAL scanner like the keyboard-wedge path: a penalty decision's QR reaches the
 * fines screen (`fines.scanned`), a receipt's QR the lookup screen (`lookup.scanned`), anything else identification.
 * Devices are substituted (no pcscd needed): the test plays the scanner through the `onScan` the host hands them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config/config';
import { type KioskServices, startKioskServices } from './kiosk-services';

let services: KioskServices;
let scan: (payload: string) => void = () => undefined;
let dataDir = '';
const events: [string, unknown][] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-scan-route-'));
  services = await startKioskServices(loadConfig({ dataDir, devices: { scannerPath: null } }, {}), {
    speech: null,
    startDevices: (_config, _status, onScan) => {
      scan = onScan;
      return Promise.resolve(null);
    },
  });
  services.created.host.onEvent((name, payload) => events.push([name, payload]));
});
afterAll(async () => {
  await services?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a serial-scanner read', () => {
  it("of a penalty decision's QR goes to the fines screen, not to identification", () => {
    events.length = 0;
    scan('12345/QĐ-XPHC\r\n');
    expect(events).toEqual([['fines.scanned', { text: '12345/QĐ-XPHC' }]]);
  });

  it("of a receipt's QR goes to the lookup screen", () => {
    events.length = 0;
    scan('000.00.01.H22-261130-0001');
    expect(events).toEqual([['lookup.scanned', { text: '000.00.01.H22-261130-0001' }]]);
  });

  it("of a card's QR goes to neither screen", () => {
    events.length = 0;
    scan('001099000145|123456789|Phạm Thị Hư Cấu|01011990|Nữ|Số 1 Phố Mẫu|01072021');
    expect(events.map(([name]) => name)).not.toContain('fines.scanned');
    expect(events.map(([name]) => name)).not.toContain('lookup.scanned');
  });
});
