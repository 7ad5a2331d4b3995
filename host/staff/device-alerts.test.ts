import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceStatusBoard } from '../devices/device-status';
import { FileKeyProvider } from '../store/keys';
import { KioskStore } from '../store/store';
import { scratchDir } from '../store/testing/test-helpers';
import { AlertService } from './alert-service';
import { DeviceAlerts, statusDevices } from './device-alerts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function setup(opts: { nearEnd?: boolean; diskFree?: number; cscaDays?: number } = {}) {
  const d = scratchDir('device-alerts-');
  const store = KioskStore.open({
    path: join(d.dir, 'kiosk.db'),
    keys: new FileKeyProvider(join(d.dir, 'k', 'data.key')),
  });
  cleanups.push(() => {
    store.close();
    d.cleanup();
  });
  const board = new DeviceStatusBoard();
  board.update('reader', { state: 'ready' });
  board.update('printer', { state: 'ready' });
  board.update('portal', { state: 'up' });
  let changes = 0;
  const state = { ...opts };
  const devices = new DeviceAlerts(
    new AlertService(store),
    {
      status: () => board.get(),
      printerNearEnd: async () => state.nearEnd ?? false,
      disk: () =>
        (state.diskFree ?? 10) < 0.5
          ? { status: 'fail', detail: 'low', data: { freeBytes: (state.diskFree ?? 10) * 1024 ** 3 } }
          : { status: 'pass', detail: 'ok', data: { freeBytes: (state.diskFree ?? 10) * 1024 ** 3 } },
      csca: () =>
        (state.cscaDays ?? 900) < 180
          ? { status: 'warn', detail: 'soon', data: { certificates: [{ daysLeft: state.cscaDays }] } }
          : { status: 'pass', detail: 'ok', data: { certificates: [{ daysLeft: state.cscaDays ?? 900 }] } },
    },
    () => changes++,
  );
  const open = () => store.listAlerts().map((a) => [a.code, a.severity, a.count]);
  return { store, board, devices, state, open, changes: () => changes };
}

describe('device alerts', () => {
  it('maps the status board to devices and alerts', () => {
    const board = new DeviceStatusBoard();
    board.update('reader', { state: 'no-reader' });
    board.update('printer', { state: 'out-of-paper' });
    board.update('portal', { state: 'down', queued: 3 });
    expect(statusDevices(board.get())).toEqual([
      { id: 'reader', state: 'fail', alert: 'reader-missing', facts: {} },
      { id: 'printer', state: 'fail', alert: 'printer-paper-out', facts: {} },
      { id: 'portal', state: 'fail', alert: 'portal-down', facts: { queued: 3 } },
    ]);
  });

  it('raises an alert once on the change to bad and clears it (as system) when well again', () => {
    const { board, devices, open, store, changes } = setup();
    devices.fromStatus();
    expect(open()).toEqual([]);
    board.update('printer', { state: 'out-of-paper' });
    devices.fromStatus();
    devices.fromStatus();
    expect(open()).toEqual([['printer-paper-out', 'critical', 1]]);
    board.update('printer', { state: 'ready' });
    devices.fromStatus();
    expect(open()).toEqual([]);
    expect(changes()).toBe(2);
    const cleared = store.readAudit().filter((e) => e.action === 'alert.cleared');
    expect(cleared.map((e) => [e.actor, e.subject])).toEqual([['system', 'printer-paper-out']]);
  });

  it('the full check adds paper low, disk low and CSCA expiry; the status-only check leaves paper low alone', async () => {
    const { devices, open, state } = setup({ nearEnd: true, diskFree: 0.2, cscaDays: 30 });
    const list = await devices.check();
    expect(list.map((d) => [d.id, d.state, d.alert])).toEqual([
      ['reader', 'ok', null],
      ['printer', 'warn', 'printer-paper-low'],
      ['portal', 'ok', null],
      ['disk', 'fail', 'disk-low'],
      ['csca', 'warn', 'csca-expiring'],
    ]);
    expect(list.find((d) => d.id === 'disk')!.facts).toEqual({ freeGiB: 0.2 });
    expect(list.find((d) => d.id === 'csca')!.facts).toEqual({ daysLeft: 30 });
    expect(
      open()
        .map((a) => a[0])
        .sort(),
    ).toEqual(['csca-expiring', 'disk-low', 'printer-paper-low']);
    devices.fromStatus();
    expect(open().map((a) => a[0])).toContain('printer-paper-low');
    Object.assign(state, { nearEnd: false, diskFree: 50, cscaDays: 900 });
    await devices.check();
    expect(open()).toEqual([]);
  });
});
