/**
 * The Electron main process, written against a narrow slice of Electron's API that is passed in, so
 * the wiring is unit-tested under Node with a substitute (electron/kiosk-app.test.ts). The real
 * module is handed over by electron/main.ts. The kiosk's services come from the same composition root
 * as the WebSocket host (host/kiosk-services.ts); only the transport (IPC) differs.
 */
import { pathToFileURL } from 'node:url';
import type { KioskConfig } from '../host/config/config';
import type { CreatedHost } from '../host/create-host';
import { type KioskServices, startKioskServices } from '../host/kiosk-services';
import { type IpcMainLike, registerKioskIpc, type WebContentsLike } from './ipc';
import {
  isBlockedShortcut,
  isNavigationAllowed,
  isPermissionAllowed,
  KIOSK_SWITCHES,
  KIOSK_WEB_PREFERENCES,
} from './window-policy';

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface ElectronLike {
  app: {
    requestSingleInstanceLock(): boolean;
    quit(): void;
    exit(code?: number): void;
    relaunch(): void;
    whenReady(): Promise<void>;
    on(event: string, listener: (...args: any[]) => void): unknown;
    commandLine: { appendSwitch(name: string, value?: string): void };
  };
  BrowserWindow: new (options: any) => WindowLike;
  ipcMain: IpcMainLike;
  session: { defaultSession: SessionLike };
  Menu: { setApplicationMenu(menu: null): void };
}
export interface SessionLike {
  setPermissionRequestHandler(
    h: (wc: unknown, permission: string, cb: (ok: boolean) => void, details: any) => void,
  ): void;
  setPermissionCheckHandler(
    h: (wc: unknown, permission: string, origin: string, details: any) => boolean,
  ): void;
  clearStorageData(): Promise<void>;
  clearCache(): Promise<void>;
  on(event: string, listener: (...args: any[]) => void): unknown;
}
export interface WindowLike {
  webContents: WebContentsLike & {
    on(event: string, listener: (...args: any[]) => void): unknown;
    setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }): void;
    reload(): void;
  };
  loadURL(url: string): Promise<void>;
  on(event: string, listener: (...args: any[]) => void): unknown;
  once(event: string, listener: (...args: any[]) => void): unknown;
  show(): void;
  destroy(): void;
  isDestroyed(): boolean;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface KioskAppOptions {
  config: KioskConfig;
  rendererIndex: string;
  preloadPath: string;
  /** The composition root (tests may pass one with substituted devices). */
  startServices?: (config: KioskConfig) => Promise<KioskServices>;
  /** Clock for the nightly restart (tests). */
  now?: () => number;
  /** How long the renderer's "thank you" shows once the card has left, before the fresh window (ms). */
  endingHoldMs?: number;
}

/** Under the renderer's 5 s (`END_SCREEN_SECONDS`): the fresh window comes before anyone can tap "start". */
export const ENDING_HOLD_MS = 4000;

/** "HH:MM" in Asia/Ho_Chi_Minh (UTC+7 all year). */
export function localTime(epochMs: number): string {
  return new Date(epochMs + 7 * 3_600_000).toISOString().slice(11, 16);
}

export interface KioskApp {
  created: CreatedHost;
  services: KioskServices;
  window(): WindowLike | null;
  /** Destroys the citizen window and its storage and opens a fresh one (after each session, on crash). */
  recreateWindow(): Promise<WindowLike>;
}

export async function startKioskApp(electron: ElectronLike, opts: KioskAppOptions): Promise<KioskApp | null> {
  const { app, BrowserWindow, ipcMain, session, Menu } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  for (const [name, value] of KIOSK_SWITCHES) app.commandLine.appendSwitch(name, value);
  app.on(
    'web-contents-created',
    (_e: unknown, contents: { on(ev: string, l: (...a: unknown[]) => void): void }) => {
      contents.on('will-attach-webview', (ev: unknown) =>
        (ev as { preventDefault(): void }).preventDefault(),
      );
    },
  );
  await app.whenReady();
  Menu.setApplicationMenu(null);

  const rendererUrl = pathToFileURL(opts.rendererIndex).toString();
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, cb, details) =>
    cb(isPermissionAllowed(permission, details)),
  );
  ses.setPermissionCheckHandler((_wc, permission, _origin, details) =>
    isPermissionAllowed(permission, { mediaTypes: details?.mediaType ? [details.mediaType] : ['video'] }),
  );

  // Nothing can be downloaded, and so no file picker or "Save as" appears.
  ses.on('will-download', (ev: { preventDefault(): void }) => ev.preventDefault());

  const services = await (opts.startServices ?? startKioskServices)(opts.config);
  const { created } = services;
  let stopped = false;
  // Quitting (staff console, SIGTERM via electron/main.ts, nightly restart) stops every service first.
  app.on('will-quit', (ev: { preventDefault(): void }) => {
    if (stopped) return;
    ev.preventDefault();
    stopped = true;
    void services.stop().finally(() => app.quit());
  });
  let win: WindowLike | null = null;
  registerKioskIpc(
    ipcMain,
    created.host,
    () => (win && !win.isDestroyed() ? win.webContents : null),
    (url) => isNavigationAllowed(url, rendererUrl),
  );

  const open = async (): Promise<WindowLike> => {
    const w = new BrowserWindow({
      show: false,
      fullscreen: true,
      // Kiosk and no devtools in every mode: demo mode is for technicians but runs on a public screen too.
      kiosk: true,
      frame: false,
      autoHideMenuBar: true,
      backgroundColor: '#ffffff',
      webPreferences: { ...KIOSK_WEB_PREFERENCES, devTools: false, preload: opts.preloadPath },
    });
    const wc = w.webContents;
    wc.setWindowOpenHandler(() => ({ action: 'deny' }));
    wc.on('will-navigate', (ev: { preventDefault(): void }, url: string) => {
      if (!isNavigationAllowed(url, rendererUrl)) ev.preventDefault();
    });
    wc.on('will-redirect', (ev: { preventDefault(): void }, url: string) => {
      if (!isNavigationAllowed(url, rendererUrl)) ev.preventDefault();
    });
    wc.on(
      'before-input-event',
      (ev: { preventDefault(): void }, input: Parameters<typeof isBlockedShortcut>[0]) => {
        if (isBlockedShortcut(input)) ev.preventDefault();
      },
    );
    // No context menu (long-press on a touchscreen), and window.print() opens nothing (the renderer's own
    // guard, renderer/lockdown.ts, is the first line; receipts are printed by the host).
    wc.on('context-menu', (ev: { preventDefault(): void }) => ev.preventDefault());
    wc.on('render-process-gone', () => {
      void recreate();
    });
    w.on('unresponsive', () => {
      if (!w.isDestroyed()) wc.reload();
    });
    w.once('ready-to-show', () => w.show());
    await w.loadURL(rendererUrl);
    return w;
  };

  const recreate = async (): Promise<WindowLike> => {
    const old = win;
    win = null;
    if (old && !old.isDestroyed()) old.destroy();
    await ses.clearStorageData();
    win = await open();
    return win;
  };

  // The renderer's end screen asks for the card back until it leaves the reader, then thanks the citizen for
  // a few seconds; the window (and its storage) is recreated after that, not under the citizen's eyes.
  const status = created.services.status;
  const cardOn = (): boolean => ['card-present', 'reading'].includes(status.get().reader.state);
  let cancelEnding: (() => void) | null = null;
  created.services.sessions.onEnd(() => {
    cancelEnding?.();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const hold = (): void => {
      offStatus();
      timer = setTimeout(() => {
        cancelEnding = null;
        void recreate();
      }, opts.endingHoldMs ?? ENDING_HOLD_MS);
    };
    const offStatus = status.onChange(() => {
      if (!cardOn() && !timer) hold();
    });
    cancelEnding = () => {
      offStatus();
      if (timer) clearTimeout(timer);
    };
    if (!cardOn()) hold();
  });
  app.on('window-all-closed', () => undefined);

  // A counter officer in staff mode (the staff PIN, checked by the host) may leave the kiosk shell (`staff.exitShell`).
  created.host.onEvent((event) => {
    if (event === 'staff.exit') app.quit();
  });

  // Long uptime leaks: restart every night at the configured time, but never during a citizen's session or
  // while an officer works in the staff console.
  const restartAt = opts.config.shell.nightlyRestartAt;
  if (restartAt) {
    const timer = setInterval(() => {
      const busy = created.services.sessions.active || created.services.staff.active;
      if (localTime(opts.now?.() ?? Date.now()) !== restartAt || busy) return;
      clearInterval(timer);
      app.relaunch();
      void services.stop().finally(() => app.exit(0));
    }, 30_000);
    timer.unref?.();
  }
  win = await open();

  return { created, services, window: () => win, recreateWindow: recreate };
}
