/** A virtual card reached by a direct function call (unit tests): same card, no pcscd. */
import type { CitizenProfile } from './profile';
import { parseFaults, type FaultName } from './faults';
import { buildCardFiles } from './card-files';
import { VirtualEmrtd, type CardRandom } from './card';
import { InteropLayer } from './interop';
import { bacKeysFromMrzInformation } from './crypto';
import { mrzInformation } from './mrz';
import { SimulatorError } from './errors';
import { linkTimerOf, type LinkModel } from './link-model';

export const IN_PROCESS_READER_NAME = 'Simulated In-Process Reader 00 00';

export interface InProcessCard {
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  extendedLength: boolean;
  readerName: string;
  atr: Uint8Array;
  /** The card leaves the field: transmit rejects with `simulator.card-removed` until insert(). */
  remove(): void;
  /** The card returns (freshly powered: no selection, no SM session, APDU counter reset). */
  insert(): void;
  readonly present: boolean;
}

export interface CardEngineOptions {
  faults?: readonly (FaultName | string)[];
  /** Deterministic randomness for tests (RND.IC, K.IC, sm-error-rate draws). */
  random?: CardRandom;
  /** Contactless link timing (./link-model.ts): each APDU waits as long as it would take on the air. */
  link?: LinkModel | string | null;
}

/** Builds the card engine (files + state machine + per-APDU fault handling) shared by every transport. */
export function createCardEngine(profile: CitizenProfile, options: CardEngineOptions = {}) {
  const faults = parseFaults(options.faults ?? []);
  const files = buildCardFiles(profile, faults);
  const mrzInfo = mrzInformation(profile.bac);
  const card = new VirtualEmrtd({
    files,
    bacKeys: bacKeysFromMrzInformation(mrzInfo),
    faults,
    chip: { ...profile.chip, mrzInformation: mrzInfo },
    ...(options.random ? { random: options.random } : {}),
  });
  let apduCount = 0;
  // 61xx/GET RESPONSE, 6Cxx and SELECT MF quirks around the card (./interop.ts).
  const interop = new InteropLayer(faults, (apdu) => card.process(apdu));
  return {
    card,
    faults,
    /** Returns null when the card vanished (fault `remove-after:N`). */
    process(apdu: Uint8Array): Uint8Array | null {
      if (faults.removeAfter !== null && apduCount >= faults.removeAfter) return null;
      apduCount++;
      return interop.process(apdu);
    },
    /** `remove-after:N` reached: the card is leaving the field. */
    get exhausted(): boolean {
      return faults.removeAfter !== null && apduCount >= faults.removeAfter;
    },
    powerOn(): void {
      apduCount = 0;
      card.reset();
      interop.reset();
    },
  };
}

export function createInProcessCard(profile: CitizenProfile, options: CardEngineOptions = {}): InProcessCard {
  const engine = createCardEngine(profile, options);
  const link = linkTimerOf(options.link);
  let present = true;
  return {
    get present() {
      return present;
    },
    extendedLength: engine.card.extendedLength,
    readerName: IN_PROCESS_READER_NAME,
    atr: engine.card.atr,
    async transmit(apdu: Uint8Array): Promise<Uint8Array> {
      const delay = engine.faults.slowMs + (apdu[1] === 0x88 ? engine.faults.slowAaMs : 0);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      if (!present) throw new SimulatorError('simulator.card-removed', 'the card is not in the reader');
      const response = engine.process(apdu);
      if (response === null) {
        present = false;
        throw new SimulatorError('simulator.card-removed', 'the card left the reader during the exchange');
      }
      if (link) await link.delay(apdu.length, response.length);
      return response;
    },
    remove(): void {
      present = false;
    },
    insert(): void {
      present = true;
      engine.powerOn();
    },
  };
}
