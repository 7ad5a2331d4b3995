/**
 * The wire format shared by the WebSocket and IPC transports.
 * Request:  { v, id, method, params }      Response: { v, id, ok: true, result } | { v, id, ok: false, error }
 * Event:    { v, event, payload }
 */
import { z } from 'zod';
import { ApiErrorShape, PROTOCOL_VERSION } from './contract';

export const RequestMessage = z
  .object({
    v: z.number().int(),
    id: z.number().int().nonnegative(),
    method: z.string().min(1).max(64),
    params: z.unknown(),
  })
  .strict();
export type RequestMessage = z.infer<typeof RequestMessage>;

export const ResponseMessage = z.union([
  z.object({ v: z.number().int(), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({
    v: z.number().int(),
    id: z.number().int().nullable(),
    ok: z.literal(false),
    error: ApiErrorShape,
  }),
]);
export type ResponseMessage = z.infer<typeof ResponseMessage>;

export const EventMessage = z.object({ v: z.number().int(), event: z.string(), payload: z.unknown() });
export type EventMessage = z.infer<typeof EventMessage>;

export const MAX_MESSAGE_BYTES = 256 * 1024;

export function eventMessage(event: string, payload: unknown): EventMessage {
  return { v: PROTOCOL_VERSION, event, payload };
}

/** Channel names used by the Electron transport (shared by preload and main). */
export const IPC_CHANNELS = { call: 'kiosk:call', event: 'kiosk:event' } as const;
