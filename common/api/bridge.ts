/** What Electron's preload exposes on `window.kioskBridge` via contextBridge: exactly KioskApi, nothing else. */
import type { KioskApi } from './contract';

export type KioskBridge = KioskApi;
