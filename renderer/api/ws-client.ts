/**
 * KioskApi over the host's loopback WebSocket (browser mode, dev, e2e). Reconnects on its own. A call is
 * sent at most once: when the connection drops, every call not yet answered — sent or still waiting for
 * the connection — fails with `host-unreachable` and is never sent again.
 */
import {
  type EventName,
  type EventPayload,
  type KioskApi,
  KioskApiError,
  type MethodName,
  type Params,
  PROTOCOL_VERSION,
  type Result,
} from '../../common/api/contract';

type Pending = { resolve(v: unknown): void; reject(e: Error): void };
export type ConnectionState = 'connecting' | 'open' | 'closed';

export function createWsApi(url: string, onState?: (s: ConnectionState) => void): KioskApi {
  let ws: WebSocket | null = null;
  let nextId = 1;
  let backoff = 250;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  /** Calls waiting for the connection to open, by id. */
  const queue = new Map<number, string>();

  const connect = (): void => {
    onState?.('connecting');
    const socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => {
      backoff = 250;
      onState?.('open');
      for (const text of queue.values()) socket.send(text);
      queue.clear();
    };
    socket.onmessage = (ev) => {
      let msg: {
        id?: number | null;
        ok?: boolean;
        result?: unknown;
        error?: { code: string; message: string };
        event?: string;
        payload?: unknown;
      };
      try {
        msg = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      if (typeof msg.event === 'string') {
        for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
        return;
      }
      if (typeof msg.id !== 'number') return;
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new KioskApiError(msg.error?.code ?? 'internal', msg.error?.message ?? ''));
    };
    socket.onclose = () => {
      onState?.('closed');
      // Reported as failed here, so never re-sent on the next connection.
      queue.clear();
      for (const [id, p] of pending) {
        p.reject(new KioskApiError('host-unreachable', 'Connection to the kiosk host lost'));
        pending.delete(id);
      }
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 5000);
    };
  };
  connect();

  return {
    call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
      const id = nextId++;
      const text = JSON.stringify({ v: PROTOCOL_VERSION, id, method, params });
      return new Promise<Result<M>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        if (ws && ws.readyState === WebSocket.OPEN) ws.send(text);
        else queue.set(id, text);
      });
    },
    on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      set.add(handler as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(handler as (p: unknown) => void);
    },
  };
}
