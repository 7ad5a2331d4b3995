/**
 * The host's single implementation of KioskApi. Transports (WebSocket, Electron IPC) hand it raw
 * messages; it validates them against the contract, dispatches, validates the result, and answers
 * with a typed error for anything malformed — and keeps serving.
 */
import { EventEmitter } from 'node:events';
import {
  type ApiErrorShape,
  type EventName,
  type EventPayload,
  events,
  KioskApiError,
  type MethodName,
  methods,
  type Params,
  PROTOCOL_VERSION,
  type Result,
} from '../../common/api/contract';
import { RequestMessage, type ResponseMessage } from '../../common/api/wire';

export type Handler<M extends MethodName> = (params: z_out<M>) => Promise<Result<M>> | Result<M>;
type z_out<M extends MethodName> = Params<M> extends infer P ? P : never;
/** The reader simulator's methods: registered in demo mode only (production answers `unknown-method`). */
export type SimulatorMethod = Extract<MethodName, `simulator.${string}`>;
export type Handlers = { [M in Exclude<MethodName, SimulatorMethod>]: Handler<M> } & {
  [M in SimulatorMethod]?: Handler<M>;
};

export class KioskHost {
  private readonly emitter = new EventEmitter();

  constructor(
    private readonly handlers: Handlers,
    /** Called before every call from the UI (the session's activity clock). */
    private readonly onCall: () => void = () => undefined,
  ) {
    this.emitter.setMaxListeners(100);
  }

  /** Dispatch a raw, untrusted message (already JSON-parsed) and always return a response. */
  async handleMessage(raw: unknown): Promise<ResponseMessage> {
    const parsed = RequestMessage.safeParse(raw);
    if (!parsed.success) {
      const id =
        typeof (raw as { id?: unknown })?.id === 'number' ? ((raw as { id: number }).id ?? null) : null;
      return fail(id, 'bad-message', 'Message does not match { v, id, method, params }');
    }
    const { id, v, method } = parsed.data;
    if (v !== PROTOCOL_VERSION) return fail(id, 'protocol-version', `Protocol ${v} not supported`);
    try {
      const result = await this.call(method, parsed.data.params);
      return { v: PROTOCOL_VERSION, id, ok: true, result };
    } catch (e) {
      return { v: PROTOCOL_VERSION, id, ok: false, error: toApiError(e) };
    }
  }

  /** True when `method` is served (simulator methods are not, in production). */
  has(method: string): boolean {
    return Object.hasOwn(methods, method) && Boolean(this.handlers[method as MethodName]);
  }

  /** Validated in-process call (used by Electron's main and by the WebSocket transport). */
  async call(method: string, rawParams: unknown): Promise<unknown> {
    if (!Object.hasOwn(methods, method))
      throw new KioskApiError('unknown-method', `Unknown method ${method}`);
    const m = method as MethodName;
    const def = methods[m];
    const handler = this.handlers[m] as ((p: unknown) => Promise<unknown> | unknown) | undefined;
    if (!handler) throw new KioskApiError('unknown-method', `Unknown method ${method}`);
    this.onCall();
    const params = def.params.safeParse(rawParams ?? {});
    if (!params.success) throw new KioskApiError('bad-params', `Invalid params for ${method}`);
    const result = await handler(params.data);
    const checked = def.result.safeParse(result);
    if (!checked.success)
      throw new KioskApiError('internal', `Host produced an invalid result for ${method}`);
    return checked.data;
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    this.emitter.emit('event', event, checked);
  }

  onEvent(listener: (event: EventName, payload: unknown) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}

function fail(id: number | null, code: string, message: string): ResponseMessage {
  return { v: PROTOCOL_VERSION, id, ok: false, error: { code, message } };
}

/** Typed domain errors keep their code; anything else becomes `internal` without leaking details. */
export function toApiError(e: unknown): ApiErrorShape {
  if (e instanceof KioskApiError) return e.toJSON();
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    const code = (e as { code: string }).code;
    if (/^[a-z][a-z0-9./-]{1,63}$/.test(code)) {
      return { code, message: e instanceof Error ? e.message : code };
    }
  }
  return { code: 'internal', message: 'Internal error' };
}

export type { Result };
