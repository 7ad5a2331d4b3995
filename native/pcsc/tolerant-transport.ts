/**
 * Transport-level tolerance for real readers and chips (ISO 7816-3/-4), below secure messaging:
 * - `61xx`: the response waits in the card; GET RESPONSE (`00 C0 00 00 xx`) fetches it, chained until
 *   the card stops saying 61xx (T=0 cards and some T=1 chips answer case-4 commands this way);
 * - `6Cxx`: wrong Le, the card says the exact length; the same command is sent again with Le = xx;
 * - a timeout per APDU class (authentication and signing get longer than reads), reported as
 *   `pcsc-timeout` so the read can resume on the next placement.
 */
import type { CardTransport } from './card-transport';
import { PcscError } from './errors';

export interface ApduTimeouts {
  /** READ BINARY, SELECT and anything not listed below (ms). */
  default: number;
  /** GET CHALLENGE, MUTUAL/EXTERNAL AUTHENTICATE, GENERAL AUTHENTICATE, MSE (ms). */
  authenticate: number;
  /** INTERNAL AUTHENTICATE (Active Authentication: the chip signs) (ms). */
  sign: number;
}

/** Generous defaults: a slow chip in a weak field still finishes; a dead exchange does not hang the kiosk. */
export const DEFAULT_APDU_TIMEOUTS: ApduTimeouts = { default: 5_000, authenticate: 10_000, sign: 15_000 };

const MAX_CHAIN = 64;

export function apduClass(apdu: Uint8Array): keyof ApduTimeouts {
  const ins = apdu[1] ?? 0;
  if (ins === 0x88) return 'sign';
  if ([0x84, 0x82, 0x86, 0x87, 0x22].includes(ins)) return 'authenticate';
  return 'default';
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  if (!Number.isFinite(ms) || ms <= 0) return p;
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PcscError('pcsc-timeout', `${what}: no answer in ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Short APDU whose last byte is Le (case 2 or 4)? Returns the index of Le, or -1. */
function shortLeIndex(apdu: Uint8Array): number {
  if (apdu.length === 5) return 4; // case 2
  if (apdu.length < 6 || apdu[4] === 0) return -1; // case 1/3 or extended
  const lc = apdu[4]!;
  return apdu.length === 5 + lc + 1 ? apdu.length - 1 : -1;
}

export function tolerantTransport(
  inner: CardTransport,
  timeouts: Partial<ApduTimeouts> = {},
): CardTransport & { readonly inner: CardTransport } {
  const limits = { ...DEFAULT_APDU_TIMEOUTS, ...timeouts };
  const send = (apdu: Uint8Array) => {
    const cls = apduClass(apdu);
    return withTimeout(
      inner.transmit(apdu),
      limits[cls],
      `INS ${(apdu[1] ?? 0).toString(16).padStart(2, '0')}`,
    );
  };
  return {
    inner,
    get extendedLength() {
      return inner.extendedLength;
    },
    get readerName() {
      return inner.readerName;
    },
    async transmit(apdu: Uint8Array): Promise<Uint8Array> {
      let r = await send(apdu);
      // 6Cxx: resend with the exact Le (once; a card that keeps saying 6Cxx gets its answer passed on).
      if (r.length === 2 && r[0] === 0x6c) {
        const i = shortLeIndex(apdu);
        if (i >= 0) {
          const again = Uint8Array.from(apdu);
          again[i] = r[1]!;
          r = await send(again);
        }
      }
      // 61xx: collect the response with GET RESPONSE.
      const parts: Uint8Array[] = [];
      for (let n = 0; r.length >= 2 && r[r.length - 2] === 0x61; n++) {
        if (n >= MAX_CHAIN) throw new PcscError('pcsc-failed', 'GET RESPONSE chain does not end');
        parts.push(r.subarray(0, r.length - 2));
        r = await send(Uint8Array.of(0x00, 0xc0, 0x00, 0x00, r[r.length - 1]!));
      }
      if (parts.length === 0) return r;
      const total = parts.reduce((s, p) => s + p.length, 0) + r.length;
      const out = new Uint8Array(total);
      let at = 0;
      for (const p of [...parts, r]) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    },
  };
}
