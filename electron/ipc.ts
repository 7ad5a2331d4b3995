/** Carries KioskApi over Electron IPC: one invoke channel for calls, one channel for events. */
import { IPC_CHANNELS } from '../common/api/wire';
import type { KioskHost } from '../host/api/kiosk-host';
import { eventMessage } from '../common/api/wire';

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => unknown,
  ): void;
  removeHandler(channel: string): void;
}
export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/**
 * Registers the call handler (only frames showing our renderer may call) and forwards host events to
 * the given window. Returns a function that undoes both.
 */
export function registerKioskIpc(
  ipcMain: IpcMainLike,
  host: KioskHost,
  target: () => WebContentsLike | null,
  isTrustedUrl: (url: string) => boolean,
): () => void {
  ipcMain.handle(IPC_CHANNELS.call, async (event, message) => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedUrl(url)) {
      return { v: 1, id: null, ok: false, error: { code: 'unauthorised', message: 'Untrusted frame' } };
    }
    return host.handleMessage(message);
  });
  const off = host.onEvent((name, payload) => {
    const wc = target();
    if (wc && !wc.isDestroyed()) wc.send(IPC_CHANNELS.event, eventMessage(name, payload));
  });
  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    off();
  };
}
