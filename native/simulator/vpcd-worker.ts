/**
 * Worker-thread side of startVirtualCard: the card and its vpcd link live on their own event loop, so a
 * PC/SC client in the same process making a synchronous call (e.g. the smartcard module's disconnect, which
 * waits on pcscd, which waits on the card) can never deadlock with the card.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CitizenProfile } from './profile';
import { createCardEngine } from './in-process';
import { linkTimerOf, type LinkModel } from './link-model';
import { VpcdLink, type VpcdHandler } from './vpcd';

export interface WorkerInit {
  profile: CitizenProfile;
  faults: string[];
  host: string;
  port: number;
  link?: LinkModel | null;
}

/**
 * `init` hands a stopped worker its next card (virtual-card.ts reuses workers: starting one costs ~0.5 s of
 * CPU for the TypeScript loader). Every message back carries the card's generation `gen` (0 for the card in
 * workerData, then the `init` number), so a late event of a previous card is never taken for this one's.
 */
export type ToWorker =
  | { type: 'init'; gen: number; init: WorkerInit }
  | { type: 'insert'; profile?: CitizenProfile }
  | { type: 'remove' }
  | { type: 'stop' };
export type FromWorker = { gen: number } & (
  { type: 'seen' } | { type: 'link-error'; message: string } | { type: 'stopped'; clean: boolean }
);

function handlerFor(
  profile: CitizenProfile,
  faults: string[],
  linkModel: LinkModel | null = null,
): VpcdHandler {
  const engine = createCardEngine(profile, { faults });
  const link = linkTimerOf(linkModel);
  return {
    atr: () => engine.card.atr,
    powerOn: () => engine.powerOn(),
    powerOff: () => engine.card.reset(),
    async apdu(command) {
      const delay = engine.faults.slowMs + (command[1] === 0x88 ? engine.faults.slowAaMs : 0);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      // Over vpcd the card leaves at pcscd's next presence poll after the N-th APDU (see VpcdLink).
      const response = engine.process(command) ?? engine.card.process(command);
      if (link) await link.delay(command.length, response.length);
      return { response, vanish: engine.exhausted };
    },
  };
}

export function runWorker(): void {
  const port = parentPort;
  if (!port) return;
  let init = workerData as WorkerInit;
  let profile = init.profile;
  let gen = 0;
  let link: VpcdLink | null = null;
  const open = (next: WorkerInit, nextGen: number): void => {
    link?.stop();
    init = next;
    profile = next.profile;
    gen = nextGen;
    const post = (m: FromWorker): void => port.postMessage(m);
    link = new VpcdLink(init.host, init.port, handlerFor(profile, init.faults, init.link), {
      onSeen: () => post({ gen: nextGen, type: 'seen' }),
      onConnectError: (e) => post({ gen: nextGen, type: 'link-error', message: e.message }),
    });
  };
  open(init, 0);
  port.on('message', (m: ToWorker) => {
    switch (m.type) {
      case 'init':
        open(m.init, m.gen);
        break;
      case 'insert':
        link!.stop();
        if (m.profile) profile = m.profile;
        link!.setHandler(handlerFor(profile, init.faults, init.link));
        link!.start();
        break;
      case 'remove':
        void link!.removeAtNextPoll();
        break;
      case 'stop': {
        // The card leaves as a removed card does (pcscd is answered "no card" at its next presence poll), so
        // the next card on this slot, in this worker or a new one, is seen as a new card. Then the worker
        // waits for its next card (or for terminate()).
        const leaving = link!;
        const leavingGen = gen;
        void leaving.removeAtNextPoll(2000).then((clean) => {
          leaving.stop();
          port.postMessage({ gen: leavingGen, type: 'stopped', clean } satisfies FromWorker);
        });
        break;
      }
    }
  });
}

runWorker();
