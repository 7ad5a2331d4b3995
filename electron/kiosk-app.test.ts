/** The Electron main-process wiring, under Node with the electron module substituted. */
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../common/api/wire';
import { type KioskConfig, loadConfig } from '../host/config/config';
import { createHost } from '../host/create-host';
import type { KioskServices } from '../host/kiosk-services';
import { fakeElectron } from './testing/fake-electron';
import { startKioskApp } from './kiosk-app';
import { flushMicrotasks } from '../tests/support/wait';

/** The composition root's shape with no devices, store or portal (the wiring tests need none). */
const bareServices = async (config: KioskConfig): Promise<KioskServices> => {
  const created = createHost(config);
  return { created, devices: null, delivery: null, mockPortal: null, stop: () => created.dispose() };
};

const opts = {
  config: loadConfig({ dataDir: '/nonexistent-kiosk-test' }, {}),
  rendererIndex: '/opt/kiosk/dist/renderer/index.html',
  preloadPath: '/opt/kiosk/dist/electron/preload.cjs',
  startServices: bareServices,
};

describe('Electron main wiring', () => {
  it('quits when the host accepts the staff PIN', async () => {
    const f = fakeElectron();
    let quit = false;
    f.appEvents.on('quit-called', () => (quit = true));
    const app = (await startKioskApp(f.electron, opts))!;
    app.created.host.emit('staff.exit', {});
    expect(quit).toBe(true);
  });

  it('restarts at night, but never during a citizen session', async () => {
    vi.useFakeTimers();
    try {
      const f = fakeElectron();
      let now = Date.parse('2026-11-23T20:29:00Z'); // 03:29 in Vietnam
      const events: string[] = [];
      f.appEvents.on('relaunch-called', () => events.push('relaunch'));
      f.appEvents.on('exit-called', () => events.push('exit'));
      const app = (await startKioskApp(f.electron, { ...opts, now: () => now }))!;
      await vi.advanceTimersByTimeAsync(30_000);
      expect(events).toEqual([]);
      now = Date.parse('2026-11-23T20:30:10Z'); // 03:30, but a citizen is using the kiosk
      app.created.services.sessions.start('vi');
      await vi.advanceTimersByTimeAsync(30_000);
      expect(events).toEqual([]);
      app.created.services.sessions.end('done');
      await vi.advanceTimersByTimeAsync(30_000);
      expect(events).toEqual(['relaunch', 'exit']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('quits when another instance runs', async () => {
    const f = fakeElectron(false);
    let quit = false;
    f.appEvents.on('quit-called', () => (quit = true));
    expect(await startKioskApp(f.electron, opts)).toBeNull();
    expect(quit).toBe(true);
    expect(f.windows).toHaveLength(0);
  });

  it('opens one locked-down full-screen window on the renderer with the preload', async () => {
    const f = fakeElectron();
    await startKioskApp(f.electron, opts);
    expect(f.windows).toHaveLength(1);
    const w = f.windows[0]!;
    expect(w.url).toBe('file:///opt/kiosk/dist/renderer/index.html');
    expect(w.options).toMatchObject({ fullscreen: true, kiosk: true });
    expect(w.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: false,
      preload: opts.preloadPath,
    });
    expect(w.webContents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(f.switches).toContain('disable-pinch');
  });

  it('is locked down in demo mode too: kiosk, no devtools, no context menu, no downloads, shortcuts swallowed', async () => {
    const f = fakeElectron();
    await startKioskApp(f.electron, {
      ...opts,
      config: loadConfig({ dataDir: '/nonexistent-kiosk-test', mode: 'demo' }, {}),
    });
    const w = f.windows[0]!;
    expect(w.options).toMatchObject({ kiosk: true, webPreferences: { devTools: false } });
    let menu = false;
    w.webContents.emit('context-menu', { preventDefault: () => (menu = true) }, {});
    expect(menu).toBe(true);
    let download = false;
    f.sessionEvents.emit('will-download', { preventDefault: () => (download = true) }, {}, {});
    expect(download).toBe(true);
    let devtools = false;
    w.webContents.emit(
      'before-input-event',
      { preventDefault: () => (devtools = true) },
      { key: 'I', control: true, shift: true },
    );
    expect(devtools).toBe(true);
    let print = false;
    w.webContents.emit(
      'before-input-event',
      { preventDefault: () => (print = true) },
      { key: 'p', control: true },
    );
    expect(print).toBe(true);
  });

  it('stops every service before it quits', async () => {
    const f = fakeElectron();
    let stopped = 0;
    await startKioskApp(f.electron, {
      ...opts,
      startServices: async (c) => {
        const s = await bareServices(c);
        return { ...s, stop: async () => void stopped++ };
      },
    });
    let quitAgain = false;
    f.appEvents.on('quit-called', () => (quitAgain = true));
    let prevented = false;
    f.appEvents.emit('will-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await flushMicrotasks();
    expect(stopped).toBe(1);
    expect(quitAgain).toBe(true);
    // The second will-quit (from that quit) goes through.
    let preventedAgain = false;
    f.appEvents.emit('will-quit', { preventDefault: () => (preventedAgain = true) });
    expect(preventedAgain).toBe(false);
  });

  it('blocks navigation away from the renderer', async () => {
    const f = fakeElectron();
    await startKioskApp(f.electron, opts);
    const wc = f.windows[0]!.webContents;
    let prevented = false;
    wc.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://example.com/');
    expect(prevented).toBe(true);
  });

  it('denies every permission but the camera', async () => {
    const f = fakeElectron();
    await startKioskApp(f.electron, opts);
    expect(await f.askPermission('media', { mediaTypes: ['video'] })).toBe(true);
    expect(await f.askPermission('geolocation', {})).toBe(false);
    expect(await f.askPermission('media', { mediaTypes: ['audio'] })).toBe(false);
  });

  it('answers KioskApi calls over IPC only from the renderer frame', async () => {
    const f = fakeElectron();
    await startKioskApp(f.electron, opts);
    const handle = f.handlers.get(IPC_CHANNELS.call)!;
    const ok = await handle(
      { senderFrame: { url: 'file:///opt/kiosk/dist/renderer/index.html' } },
      {
        v: 1,
        id: 1,
        method: 'kiosk.hello',
        params: {},
      },
    );
    expect(ok).toMatchObject({ ok: true, result: { protocolVersion: 1 } });
    const refused = await handle(
      { senderFrame: { url: 'https://evil.example/' } },
      { v: 1, id: 2, method: 'kiosk.hello', params: {} },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
  });

  it('recreates the window with fresh storage when the renderer crashes and after each session', async () => {
    vi.useFakeTimers();
    try {
      const f = fakeElectron();
      const app = (await startKioskApp(f.electron, { ...opts, endingHoldMs: 0 }))!;
      f.windows[0]!.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
      await vi.advanceTimersByTimeAsync(0);
      expect(f.windows).toHaveLength(2);
      expect(f.windows[0]!.destroyed).toBe(true);
      expect(f.storageCleared()).toBe(1);
      app.created.services.sessions.start('vi');
      app.created.services.sessions.end('timeout');
      await vi.advanceTimersByTimeAsync(0);
      expect(f.windows).toHaveLength(3);
      expect(f.storageCleared()).toBe(2);
      // host events reach the current window
      app.created.services.status.update('portal', { state: 'up' });
      expect(f.windows[2]!.webContents.sent.at(-1)?.[0]).toBe(IPC_CHANNELS.event);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the "take your card" screen up until the card leaves the reader, then recreates the window', async () => {
    vi.useFakeTimers();
    try {
      const f = fakeElectron();
      const app = (await startKioskApp(f.electron, { ...opts, endingHoldMs: 0 }))!;
      const { sessions, status } = app.created.services;
      status.update('reader', { state: 'card-present', name: 'Reader 0' });
      sessions.start('vi');
      sessions.end('done');
      await vi.advanceTimersByTimeAsync(10);
      expect(f.windows).toHaveLength(1);
      status.update('portal', { state: 'up' }); // other status changes do not count
      await vi.advanceTimersByTimeAsync(10);
      expect(f.windows).toHaveLength(1);
      status.update('reader', { state: 'ready' });
      await vi.advanceTimersByTimeAsync(10);
      expect(f.windows).toHaveLength(2);
      expect(f.storageCleared()).toBe(1);
      // Only once, however the status changes afterwards.
      status.update('reader', { state: 'card-present' });
      status.update('reader', { state: 'ready' });
      await vi.advanceTimersByTimeAsync(10);
      expect(f.windows).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
