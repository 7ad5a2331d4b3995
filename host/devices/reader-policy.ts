/**
 * Which PC/SC readers the kiosk may read from. Production reads only from allow-listed readers (regular
 * expressions on the reader name, `devices.allowedReaders`) and never from a virtual reader: vsmartcard's
 * vpcd ("Virtual PCD 00 00") accepts a card from any program that can reach its TCP port, so a card
 * "attached" over the network would otherwise be read as if it were on the kiosk. Demo mode allows all.
 */
import { CodedError } from '../../common/errors';
import type { PcscEvent, ReaderInfo } from '../../native/pcsc/pcsc-service';
import type { PcscLike } from '../identify/identify-service';
import { isNamedAs } from './ccid-names';

/** Reader names of software readers (vsmartcard vpcd, PCSC-lite's virtual drivers). */
export const VIRTUAL_READER = /^(Virtual PCD|vpcd|Virtual)\b/i;

export interface ReaderPolicy {
  /** null when the reader may be used, else a sentence for the technician (logs and status). */
  refusal(readerName: string): string | null;
}

/**
 * `allowedReaders`: regular expressions on the reader name. `usbReaderNames`: the names pcscd gives the USB
 * readers of `devices.allowedUsbIds` (ccid-names.ts). A reader is allowed when either matches.
 */
export function readerPolicy(
  mode: 'production' | 'demo',
  allowedReaders: readonly string[],
  usbReaderNames: readonly string[] = [],
): ReaderPolicy {
  if (mode === 'demo') return { refusal: () => null };
  const patterns = allowedReaders.map((p) => new RegExp(p));
  const allowed = [
    ...patterns,
    ...usbReaderNames.map((n) => ({ test: (name: string) => isNamedAs(name, n) })),
  ];
  return {
    refusal(name) {
      if (VIRTUAL_READER.test(name))
        return `Reader "${name}" is a virtual (software) reader: refused in production mode. Use a real contactless reader, or run the kiosk with "mode": "demo" for testing.`;
      if (!allowed.some((re) => re.test(name)))
        return `Reader "${name}" is not in devices.allowedReaders or devices.allowedUsbIds: refused. Add it to the kiosk configuration.`;
      return null;
    },
  };
}

export class ReaderRefusedError extends CodedError<'pcsc-reader-refused'> {
  override readonly name = 'ReaderRefusedError';
  constructor(message: string) {
    super('pcsc-reader-refused', message);
  }
}

/**
 * A view of the PC/SC service that shows only the readers the policy allows: refused readers are not listed,
 * their events are dropped (reported once through `onRefused`), and connecting to one throws.
 */
export function filterReaders(
  pcsc: PcscLike,
  policy: ReaderPolicy,
  onRefused: (readerName: string, reason: string) => void,
): PcscLike {
  const reported = new Set<string>();
  const allowed = (name: string): boolean => {
    const reason = policy.refusal(name);
    if (reason === null) return true;
    if (!reported.has(name)) {
      reported.add(name);
      onRefused(name, reason);
    }
    return false;
  };
  const list = (): ReaderInfo[] => pcsc.listReaders().filter((r) => allowed(r.name));
  return {
    listReaders: list,
    async connect(readerName) {
      if (readerName !== undefined) {
        const reason = policy.refusal(readerName);
        if (reason !== null) throw new ReaderRefusedError(reason);
        return pcsc.connect(readerName);
      }
      const withCard = list().find((r) => r.cardPresent);
      if (!withCard) throw new ReaderRefusedError('No allowed reader has a card');
      return pcsc.connect(withCard.name);
    },
    on(event, listener) {
      return pcsc.on(event, (e: PcscEvent) => {
        if ('reader' in e && !allowed(e.reader)) return;
        listener(e);
      });
    },
  };
}
