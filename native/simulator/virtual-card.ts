/** A virtual card that pcscd sees in its vpcd reader, like a real card on a real reader. */
import type { CitizenProfile } from './profile';
import type { FaultName } from './faults';
import type { BacKey } from './mrz';
import { createCardEngine } from './in-process';
import { VpcdLink, VPCD_DEFAULT_PORT, type VpcdHandler } from './vpcd';
import { SimulatorError } from './errors';

export interface StartVirtualCardOptions {
  profile: CitizenProfile;
  faults?: readonly (FaultName | string)[];
  /** pcscd's vpcd port for this slot (default 35963 = "Virtual PCD 00 00"; +1 = "… 00 01"). */
  vpcdPort?: number;
  vpcdHost?: string;
  /** The first port of that pcscd's vpcd (to name the reader); default 35963. */
  vpcdBasePort?: number;
  /** Overrides the reader name reported (e.g. a pcscd with another FRIENDLYNAME). */
  readerName?: string;
  /** How long to wait for pcscd to see the card (default 20 s; 0 = forever). */
  readyTimeoutMs?: number;
  /** Connection problems (pcscd not listening yet, link dropped); the card keeps retrying. */
  onLinkError?: (error: Error) => void;
}

export interface VirtualCard {
  readerName: string;
  bac: BacKey;
  /** Puts the card (or another profile's card) back on the reader; resolves when pcscd has seen it. */
  insert(profile?: CitizenProfile): Promise<void>;
  /** Takes the card off the reader (pcscd reports the removal). */
  remove(): Promise<void>;
  stop(): Promise<void>;
}

const REMOVAL_SETTLE_MS = 1000;

export function vpcdReaderName(port: number, basePort = VPCD_DEFAULT_PORT, friendlyName = 'Virtual PCD'): string {
  return `${friendlyName} 00 ${String(Math.max(0, port - basePort)).padStart(2, '0')}`;
}

export async function startVirtualCard(options: StartVirtualCardOptions): Promise<VirtualCard> {
  const port = options.vpcdPort ?? VPCD_DEFAULT_PORT;
  const host = options.vpcdHost ?? '127.0.0.1';
  const readerName = options.readerName ?? vpcdReaderName(port, options.vpcdBasePort);
  const timeoutMs = options.readyTimeoutMs ?? 20_000;
  let profile = options.profile;

  const handlerFor = (p: CitizenProfile): VpcdHandler => {
    const engine = createCardEngine(p, { faults: options.faults ?? [] });
    return {
      atr: () => engine.card.atr,
      powerOn: () => engine.powerOn(),
      powerOff: () => engine.card.reset(),
      async apdu(command) {
        if (engine.faults.slowMs > 0) await new Promise((r) => setTimeout(r, engine.faults.slowMs));
        return engine.process(command);
      },
    };
  };

  let seenWaiters: (() => void)[] = [];
  let lastError: Error | null = null;
  const link = new VpcdLink(host, port, handlerFor(profile), {
    onSeen: () => {
      const w = seenWaiters;
      seenWaiters = [];
      for (const f of w) f();
    },
    onConnectError: (e) => {
      lastError = e;
      options.onLinkError?.(e);
    },
  });

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
              `pcscd did not see the card on vpcd ${host}:${port} within ${timeoutMs} ms (${lastError?.message ?? 'connected, no ATR request'})`,
            ),
          );
        }, timeoutMs);
    });

  let started = false;
  const insert = async (next?: CitizenProfile): Promise<void> => {
    if (started && link.connected) {
      link.stop();
      await new Promise((r) => setTimeout(r, REMOVAL_SETTLE_MS));
    }
    started = true;
    link.stop();
    if (next) profile = next;
    link.setHandler(handlerFor(profile));
    const seen = waitSeen();
    link.start();
    await seen;
  };

  try {
    await insert();
  } catch (e) {
    link.stop();
    throw e;
  }

  return {
    readerName,
    get bac() {
      return profile.bac;
    },
    insert,
    async remove() {
      link.stop();
      // pcscd polls vpcd presence a few times a second; give it time to report the removal, or a quick
      // re-insert would look like the same card never left (and pcscd would not power it up again).
      await new Promise((r) => setTimeout(r, REMOVAL_SETTLE_MS));
    },
    async stop() {
      link.stop();
    },
  };
}
