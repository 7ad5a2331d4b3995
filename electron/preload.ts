/**
 * Preload (sandboxed): exposes exactly KioskApi as `window.kioskBridge`. Nothing else reaches the renderer.
 * Bundled by scripts/build-electron.ts into dist/electron/preload.cjs.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { KioskBridge } from '../common/api/bridge';
import { CodedError } from '../common/errors';
import { IPC_CHANNELS } from '../common/api/wire';

let nextId = 1;

/** The host's error, code unchanged (the renderer translates it). */
class BridgeError extends CodedError {
  override readonly name = 'BridgeError';
}

const bridge: KioskBridge = {
  async call(method, params) {
    const res = (await ipcRenderer.invoke(IPC_CHANNELS.call, { v: 1, id: nextId++, method, params })) as {
      ok: boolean;
      result?: unknown;
      error?: { code: string; message: string };
    };
    if (res.ok) return res.result as never;
    throw new BridgeError(res.error?.code ?? 'internal', res.error?.message ?? '');
  },
  on(event, handler) {
    const listener = (_e: unknown, msg: { event: string; payload: unknown }): void => {
      if (msg.event === event) handler(msg.payload as never);
    };
    ipcRenderer.on(IPC_CHANNELS.event, listener);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.event, listener);
    };
  },
};

contextBridge.exposeInMainWorld('kioskBridge', bridge);
