/**
 * A stand-in for the `electron` module, for running the BUNDLED main process (dist/electron/main.cjs) under
 * plain Node (electron/bundle.int.test.ts): `node -r tests/support/fake-electron.cjs dist/electron/main.cjs`.
 * It records what the app does and prints JSON lines: {"loaded":url}, then the answer of one IPC call.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload for `node -r` */
const Module = require('node:module');
const { EventEmitter } = require('node:events');

const handlers = new Map();
const appEvents = new EventEmitter();
class WebContents extends EventEmitter {
  send() {}
  isDestroyed() {
    return false;
  }
  setWindowOpenHandler() {}
  reload() {}
}
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
  }
  async loadURL(url) {
    process.stdout.write(
      JSON.stringify({
        loaded: url,
        kiosk: this.options.kiosk,
        devTools: this.options.webPreferences.devTools,
      }) + '\n',
    );
    const handle = handlers.get('kiosk:call');
    const answer = await handle({ senderFrame: { url } }, { v: 1, id: 1, method: 'kiosk.hello', params: {} });
    process.stdout.write(JSON.stringify({ hello: answer }) + '\n');
  }
  show() {}
  destroy() {}
  isDestroyed() {
    return false;
  }
}
const fake = {
  app: {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    quit: () => appEvents.emit('will-quit', { preventDefault() {} }),
    exit: (code) => process.exit(code ?? 0),
    relaunch() {},
    whenReady: async () => undefined,
    on: (e, l) => appEvents.on(e, l),
    commandLine: { appendSwitch() {} },
  },
  BrowserWindow,
  ipcMain: { handle: (c, l) => handlers.set(c, l), removeHandler: (c) => handlers.delete(c) },
  session: {
    defaultSession: {
      setPermissionRequestHandler() {},
      setPermissionCheckHandler() {},
      clearStorageData: async () => undefined,
      clearCache: async () => undefined,
      on() {},
    },
  },
  Menu: { setApplicationMenu() {} },
};
fake.default = fake;
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'electron') return fake;
  return load.call(this, request, parent, isMain);
};
