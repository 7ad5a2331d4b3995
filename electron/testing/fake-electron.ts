/** Test support: Electron substituted under Node (kiosk-app.test.ts, kiosk-journey.int.test.ts). */
import { EventEmitter } from 'node:events';
import type { ElectronLike } from '../kiosk-app';

type Listener = (...args: unknown[]) => unknown;

/** A substitute for the slice of Electron that kiosk-app.ts uses, recording what the app did. */
export function fakeElectron(lock = true) {
  const windows: FakeWindow[] = [];
  /** Every webContents.send of every window, as (channel, ...args). */
  const sends = new EventEmitter();
  const handlers = new Map<string, Listener>();
  const switches: string[] = [];
  let permissionRequest: Listener | null = null;
  let storageCleared = 0;
  class FakeWebContents extends EventEmitter {
    sent: unknown[][] = [];
    openHandler: Listener | null = null;
    reloaded = 0;
    destroyed = false;
    send(...args: unknown[]) {
      this.sent.push(args);
      sends.emit('send', ...args);
    }
    isDestroyed() {
      return this.destroyed;
    }
    setWindowOpenHandler(h: Listener) {
      this.openHandler = h;
    }
    reload() {
      this.reloaded++;
    }
  }
  class FakeWindow extends EventEmitter {
    webContents = new FakeWebContents();
    url = '';
    destroyed = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    async loadURL(url: string) {
      this.url = url;
    }
    show() {}
    destroy() {
      this.destroyed = true;
      this.webContents.destroyed = true;
    }
    isDestroyed() {
      return this.destroyed;
    }
  }
  const appEvents = new EventEmitter();
  const sessionEvents = new EventEmitter();
  const electron = {
    app: {
      requestSingleInstanceLock: () => lock,
      quit: () => appEvents.emit('quit-called'),
      exit: (code?: number) => appEvents.emit('exit-called', code),
      relaunch: () => appEvents.emit('relaunch-called'),
      whenReady: async () => undefined,
      on: (e: string, l: Listener) => appEvents.on(e, l),
      commandLine: { appendSwitch: (n: string) => switches.push(n) },
    },
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: (c: string, l: Listener) => handlers.set(c, l),
      removeHandler: (c: string) => handlers.delete(c),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (permissionRequest = h),
        setPermissionCheckHandler: () => undefined,
        clearStorageData: async () => {
          storageCleared++;
        },
        clearCache: async () => undefined,
        on: (e: string, l: Listener) => sessionEvents.on(e, l),
      },
    },
    Menu: { setApplicationMenu: () => undefined },
  };
  return {
    electron: electron as unknown as ElectronLike,
    windows,
    handlers,
    switches,
    appEvents,
    askPermission: (p: string, details: unknown) =>
      new Promise<boolean>((resolve) => permissionRequest?.(null, p, resolve, details)),
    storageCleared: () => storageCleared,
    sessionEvents,
    sends,
  };
}
