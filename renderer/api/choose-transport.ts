/**
 * Picks the transport once at start: Electron's preload bridge when present, else the WebSocket
 * of the host that served this page (token from the URL, then kept for this tab only).
 */
import type { KioskApi } from '../../common/api/contract';
import type { KioskBridge } from '../../common/api/bridge';
import { type ConnectionState, createWsApi } from './ws-client';

declare global {
  interface Window {
    kioskBridge?: KioskBridge;
  }
}

const TOKEN_KEY = 'kiosk.apiToken';

export function chooseTransport(onState?: (s: ConnectionState) => void): {
  api: KioskApi;
  kind: 'ipc' | 'websocket';
} {
  if (window.kioskBridge) {
    onState?.('open');
    return { api: window.kioskBridge, kind: 'ipc' };
  }
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  const token = fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
  const wsUrl = `ws://${window.location.host}/api?token=${encodeURIComponent(token)}`;
  return { api: createWsApi(wsUrl, onState), kind: 'websocket' };
}

/** Wipes what a citizen may have left in the renderer's storage; keeps only the transport token. */
export function wipeRendererStorage(): void {
  const token = sessionStorage.getItem(TOKEN_KEY);
  sessionStorage.clear();
  localStorage.clear();
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
}
