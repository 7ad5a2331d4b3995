/**
 * Picks the transport once at start: Electron's preload bridge when present, else the WebSocket
 * of the host that served this page. The WebSocket is authorised by the host's HttpOnly session cookie
 * (set when the launcher opened its one-time `/bootstrap` link); the page never sees the secret.
 */
import type { KioskApi } from '../../common/api/contract';
import type { KioskBridge } from '../../common/api/bridge';
import { type ConnectionState, createWsApi } from './ws-client';

declare global {
  interface Window {
    kioskBridge?: KioskBridge;
  }
}

export function chooseTransport(onState?: (s: ConnectionState) => void): {
  api: KioskApi;
  kind: 'ipc' | 'websocket';
} {
  if (window.kioskBridge) {
    onState?.('open');
    return { api: window.kioskBridge, kind: 'ipc' };
  }
  return { api: createWsApi(`ws://${window.location.host}/api`, onState), kind: 'websocket' };
}

/** Wipes what a citizen may have left in the renderer's storage. */
export function wipeRendererStorage(): void {
  sessionStorage.clear();
  localStorage.clear();
}
