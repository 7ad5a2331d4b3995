/** A virtual card that pcscd sees in its vpcd reader, like a real card on a real reader. */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CitizenProfile } from './profile';
import type { FaultName } from './faults';
import { parseFaults } from './faults';
import type { BacKey } from './mrz';
import { VPCD_DEFAULT_PORT } from './vpcd';
import { vpcdLoopbackHost } from './vpcd-loopback';
import { SimulatorError } from './errors';
import { parseLinkModel, type LinkModel } from './link-model';
import type { FromWorker, ToWorker, WorkerInit } from './vpcd-worker';

export interface StartVirtualCardOptions {
  profile: CitizenProfile;
  faults?: readonly (FaultName | string)[];
  /** pcscd's vpcd port for this slot (default 35963 = "Virtual PCD 00 00"; +1 = "… 00 01"). */
  vpcdPort?: number;
  /** Default: vpcdLoopbackHost() (127.0.0.2 with a quick-ACK route when possible, else 127.0.0.1). */
  vpcdHost?: string;
  /** A Unix socket bridged to this slot's vpcd port (an isolated pcscd); wins over vpcdHost. */
  vpcdSocket?: string;
  /** The first port of that pcscd's vpcd (to name the reader); default 35963. */
  vpcdBasePort?: number;
  /** Overrides the reader name reported (e.g. a pcscd with another FRIENDLYNAME). */
  readerName?: string;
  /** How long to wait for pcscd to see the card (default 20 s; 0 = forever). */
  readyTimeoutMs?: number;
  /** Contactless link timing (./link-model.ts), e.g. `424k,5-15`; default none (loopback speed). */
  link?: LinkModel | string | null;
  /** Connection problems (pcscd not listening yet, link dropped); the card keeps retrying. */
  onLinkError?: (error: Error) => void;
}

export interface VirtualCard {
  readerName: string;
  bac: BacKey;
  /** Puts the card (or another profile's card) back on the reader; resolves when pcscd has seen it. */
  insert(profile?: CitizenProfile): Promise<void>;
  /** Takes the card off the reader; resolves once pcscd has had time to notice. */
  remove(): Promise<void>;
  stop(): Promise<void>;
}

/** pcscd polls vpcd presence a few times a second; a quicker re-insert would look like the card never left. */
const REMOVAL_SETTLE_MS = 1000;

/** vpcd names its slots `<FRIENDLYNAME> 00 0<slot>`; slot = port - basePort (0 or 1, else assumed 0). */
export function vpcdReaderName(
  port: number,
  basePort = VPCD_DEFAULT_PORT,
  friendlyName = 'Virtual PCD',
): string {
  const slot = port - basePort === 1 ? 1 : 0;
  return `${friendlyName} 00 0${slot}`;
}

/**
 * The card runs in a worker thread (its own event loop). The worker loads TypeScript through tsx's
 * loader API, so this works under `tsx` and under vitest alike.
 */
function spawnCardWorker(init: WorkerInit): Worker {
  const workerFile = fileURLToPath(new URL('./vpcd-worker.ts', import.meta.url));
  // The ESM build of tsx's loader API (the CJS one cannot register from an eval worker).
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsxApi = pathToFileURL(path.join(path.dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(workerFile).href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: init });
}

/**
 * Workers whose card was stopped, kept (unref'd) for the next startVirtualCard: a test that swaps cards
 * (profiles, faults) pays the worker's start-up once instead of per card. Each gets a fresh VpcdLink and card,
 * so pcscd sees exactly what a new worker would show it. Idle ones end after PARKED_IDLE_MS.
 */
const parked: { worker: Worker; idle: NodeJS.Timeout; onExit: () => void }[] = [];
const PARKED_MAX = 2;
const PARKED_IDLE_MS = 30_000;
let generations = 0;

/**
 * When a card left each vpcd slot (`host|port`) without pcscd being told (its presence poll did not come in
 * time, or the worker did not answer). A card that connects to that slot sooner than REMOVAL_SETTLE_MS after
 * looks to pcscd like the same card never left: pcscd would not power it, and its insert() would time out.
 */
const slotStoppedAt = new Map<string, number>();

async function settleSlot(slot: string): Promise<void> {
  const since = Date.now() - (slotStoppedAt.get(slot) ?? -Infinity);
  if (since < REMOVAL_SETTLE_MS) await new Promise((r) => setTimeout(r, REMOVAL_SETTLE_MS - since));
}

function takeCardWorker(init: WorkerInit): { worker: Worker; gen: number } {
  const spare = parked.pop();
  if (!spare) return { worker: spawnCardWorker(init), gen: 0 };
  clearTimeout(spare.idle);
  spare.worker.off('exit', spare.onExit);
  spare.worker.ref();
  const gen = ++generations;
  spare.worker.postMessage({ type: 'init', gen, init } satisfies ToWorker);
  return { worker: spare.worker, gen };
}

function parkCardWorker(worker: Worker): void {
  worker.unref();
  const drop = (): void => {
    const i = parked.indexOf(entry);
    if (i >= 0) parked.splice(i, 1);
  };
  const entry = {
    worker,
    idle: setTimeout(() => {
      drop();
      void worker.terminate();
    }, PARKED_IDLE_MS).unref(),
    onExit: (): void => {
      clearTimeout(entry.idle);
      drop();
    },
  };
  worker.once('exit', entry.onExit);
  parked.push(entry);
  while (parked.length > PARKED_MAX) {
    const oldest = parked.shift()!;
    clearTimeout(oldest.idle);
    void oldest.worker.terminate();
  }
}

export async function startVirtualCard(options: StartVirtualCardOptions): Promise<VirtualCard> {
  const port = options.vpcdPort ?? VPCD_DEFAULT_PORT;
  // 127.0.0.2 with an immediate-ACK route when possible: ~0.3 ms per APDU through vpcd instead of ~44 ms.
  const host = options.vpcdSocket ?? options.vpcdHost ?? (await vpcdLoopbackHost());
  const readerName = options.readerName ?? vpcdReaderName(port, options.vpcdBasePort);
  const timeoutMs = options.readyTimeoutMs ?? 20_000;
  const faults = [...(options.faults ?? [])];
  parseFaults(faults); // typed error here, not in the worker
  const link = typeof options.link === 'string' ? parseLinkModel(options.link) : (options.link ?? null);
  let profile = options.profile;

  const { worker, gen } = takeCardWorker({ profile, faults, host, port, link });
  let seenWaiters: (() => void)[] = [];
  let lastError: string | null = null;
  let workerError: Error | null = null;
  let onStopped: ((clean: boolean) => void) | null = null;
  const onMessage = (m: FromWorker): void => {
    if (m.gen !== gen) return;
    if (m.type === 'seen') {
      const w = seenWaiters;
      seenWaiters = [];
      for (const f of w) f();
    } else if (m.type === 'link-error') {
      lastError = m.message;
      options.onLinkError?.(new SimulatorError('simulator.vpcd-unreachable', m.message));
    } else if (m.type === 'stopped') {
      onStopped?.(m.clean);
    }
  };
  const onError = (e: Error): void => {
    workerError = e;
    options.onLinkError?.(e);
  };
  worker.on('message', onMessage);
  worker.on('error', onError);
  const send = (m: ToWorker): void => worker.postMessage(m);

  const waitSeen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | null = null;
      const done = (): void => {
        if (timer) clearTimeout(timer);
        resolve();
      };
      seenWaiters.push(done);
      if (timeoutMs > 0)
        timer = setTimeout(() => {
          seenWaiters = seenWaiters.filter((f) => f !== done);
          reject(
            new SimulatorError(
              'simulator.vpcd-unreachable',
              `pcscd did not see the card on vpcd ${host}:${port} within ${timeoutMs} ms (${workerError?.message ?? lastError ?? 'connected, not powered'})`,
            ),
          );
        }, timeoutMs);
    });

  let inserted = false;
  const remove = async (): Promise<void> => {
    send({ type: 'remove' });
    inserted = false;
    await new Promise((r) => setTimeout(r, REMOVAL_SETTLE_MS));
  };
  const slot = `${host}|${port}`;
  const insert = async (next?: CitizenProfile): Promise<void> => {
    if (inserted) await remove();
    await settleSlot(slot);
    if (next) profile = next;
    const seen = waitSeen();
    send({ type: 'insert', ...(next ? { profile: next } : {}) });
    inserted = true;
    await seen;
  };
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      // The worker answers `stopped` once pcscd saw the card go (≤ 2 s), then waits for its next card.
      const outcome = workerError
        ? 'dead'
        : await new Promise<'clean' | 'cut' | 'dead'>((resolve) => {
            const settle = (o: 'clean' | 'cut' | 'dead'): void => {
              clearTimeout(timer);
              worker.off('exit', onExit);
              onStopped = null;
              resolve(o);
            };
            const onExit = (): void => settle('dead');
            const timer = setTimeout(() => settle('dead'), 3000);
            worker.once('exit', onExit);
            onStopped = (clean) => settle(clean ? 'clean' : 'cut');
            send({ type: 'stop' });
          });
      if (outcome !== 'clean') slotStoppedAt.set(slot, Date.now());
      worker.off('message', onMessage);
      worker.off('error', onError);
      if (outcome !== 'dead' && !workerError) parkCardWorker(worker);
      else await worker.terminate();
    })());

  try {
    await insert();
  } catch (e) {
    await stop();
    throw e;
  }

  return {
    readerName,
    get bac() {
      return profile.bac;
    },
    insert,
    remove,
    stop,
  };
}
