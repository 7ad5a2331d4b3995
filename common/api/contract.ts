/**
 * KioskApi: the one typed contract between the renderer (UI) and the host (state and devices).
 *
 * It is implemented once by the host and carried by two transports: Electron IPC (preload +
 * ipcMain) in the kiosk, and a WebSocket on 127.0.0.1 in browser/dev/e2e mode. The renderer never
 * knows which. Every message is validated with these zod schemas at the host boundary.
 *
 * The schemas live per area in `contract/` (devices, session, identify, dossier, agencies, staff,
 * catalogue, events, errors); this file is the one place to import them from. Types are `z.infer`red
 * from the schemas: host and renderer import them from here instead of declaring their own.
 */
import type { EventName, EventPayload } from './contract/events';
import type { MethodName, Params, Result } from './contract/methods';

export * from './contract/base';
export * from './contract/errors';
export * from './contract/devices';
export * from './contract/session';
export * from './contract/identify';
export * from './contract/dossier';
export * from './contract/agencies';
export * from './contract/staff';
export * from './contract/catalogue';
export * from './contract/methods';
export * from './contract/events';

// ---------------------------------------------------------------------------------------------
// The API as both sides see it

export interface KioskApi {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
}
