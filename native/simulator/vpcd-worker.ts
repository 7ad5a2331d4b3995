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

export type ToWorker = { type: 'insert'; profile?: CitizenProfile } | { type: 'remove' } | { type: 'stop' };
export type FromWorker = { type: 'seen' } | { type: 'link-error'; message: string } | { type: 'stopped' };

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
  const init = workerData as WorkerInit;
  let profile = init.profile;
  const post = (m: FromWorker): void => port.postMessage(m);
  const link = new VpcdLink(init.host, init.port, handlerFor(profile, init.faults, init.link), {
    onSeen: () => post({ type: 'seen' }),
    onConnectError: (e) => post({ type: 'link-error', message: e.message }),
  });
  port.on('message', (m: ToWorker) => {
    switch (m.type) {
      case 'insert':
        link.stop();
        if (m.profile) profile = m.profile;
        link.setHandler(handlerFor(profile, init.faults, init.link));
        link.start();
        break;
      case 'remove':
        void link.removeAtNextPoll();
        break;
      case 'stop':
        link.stop();
        post({ type: 'stopped' });
        port.close();
        break;
    }
  });
}

runWorker();
