import pino, { type Bindings, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { scrub, scrubText } from './redact';

export type { Logger } from 'pino';

const LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** `KIOSK_LOG_LEVEL` (fatal…trace, silent); `info` when unset or not a level. */
export function levelFromEnv(env: NodeJS.ProcessEnv = process.env): LevelWithSilent {
  const v = env.KIOSK_LOG_LEVEL?.trim().toLowerCase();
  return LEVELS.find((l) => l === v) ?? 'info';
}

/** An error as code and type only: messages may quote what the citizen typed or the card held. */
export function errorFields(e: unknown): { code?: string; errorType: string } {
  const code = (e as { code?: unknown } | null)?.code;
  const errorType = e instanceof Error ? e.name : typeof e;
  return typeof code === 'string' || typeof code === 'number'
    ? { code: String(code), errorType }
    : { errorType };
}

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** Defaults to stderr (fd 2): journald takes it, and stdout stays the host's one ready line. */
  destination?: DestinationStream;
}

/**
 * A pino logger, one JSON object a line. Every object logged passes `scrub` (personal keys by schema,
 * ID numbers and MRZ lines by value) and every message `scrubText`, so a careless call cannot leak a citizen.
 */
export function createLogger(opts: LoggerOptions = {}): Logger {
  return guardChildren(
    pino(
      {
        level: opts.level ?? levelFromEnv(),
        base: { service: 'kiosk' },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: {
          level: (label) => ({ level: label }),
          bindings: (b) => scrub(b) as Record<string, unknown>,
          log: (o) => scrub(o) as Record<string, unknown>,
        },
        // Objects are already scrubbed by `formatters.log`; pino's own error serializer would undo the shape.
        serializers: { err: (e: unknown) => e },
        hooks: {
          logMethod(args, method) {
            method.apply(
              this,
              args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>,
            );
          },
        },
      },
      opts.destination ?? pino.destination({ fd: 2, sync: true }),
    ),
  );
}

/** pino does not pass a child's bindings through `formatters.bindings`: scrub them here, for every generation. */
function guardChildren(l: Logger): Logger {
  const child = l.child.bind(l);
  l.child = ((bindings: Bindings, options?: object) =>
    guardChildren(child(scrub(bindings) as Bindings, options))) as unknown as Logger['child'];
  return l;
}

let root: Logger | undefined;

/** The process's logger, created on first use. */
export function log(): Logger {
  root ??= createLogger();
  return root;
}

/** A child logger for one module: `logger('printer').warn(...)`. */
export const logger = (module: string): Logger => log().child({ module });

/**
 * A `.catch` handler for a failure the caller deliberately survives: logs the error's code and type (never its
 * message) at `level` and answers `fallback`, so best effort stays best effort without hiding a fault.
 */
export function swallowed<T>(
  log: Logger,
  level: 'debug' | 'warn',
  msg: string,
  fallback: T,
): (e: unknown) => T {
  return (e) => {
    log[level](errorFields(e), msg);
    return fallback;
  };
}
