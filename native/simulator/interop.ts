/**
 * Transport-level behaviours of real chips, layered around the card's APDU state machine (ISO 7816-3/-4):
 * - `get-response` (and `t0`): a response with data is announced as `61xx` and handed out by
 *   GET RESPONSE (`00 C0 00 00 Le`), in pieces of at most Le bytes, the last with the real status word;
 * - `le-exact` (and `t0`): a short command whose Le differs from the response length gets `6Cxx` (xx = the
 *   exact length); the same command with Le = xx then gets the answer (computed once: the card's state,
 *   e.g. its SM counter, moves only once);
 * - `mf-select-required`: the eMRTD applet can be selected only after `SELECT 3F00` (the MF).
 * GET RESPONSE and SELECT MF are answered here and never reach the card, so they do not end an SM session.
 */
import { concat, equalBytes } from './bytes';
import type { FaultConfig } from './faults';

const sw = (v: number) => Uint8Array.of(v >> 8, v & 0xff);

/** Header and body of a short command without its Le byte, and its Le (null when it has none). */
function splitShortLe(apdu: Uint8Array): { head: Uint8Array; le: number | null } | null {
  if (apdu.length < 4) return null;
  if (apdu.length === 4) return { head: apdu, le: null };
  if (apdu.length === 5) return { head: apdu.subarray(0, 4), le: apdu[4] === 0 ? 256 : apdu[4]! };
  const lc = apdu[4]!;
  if (lc === 0) return null; // extended
  if (apdu.length === 5 + lc) return { head: apdu, le: null };
  if (apdu.length === 6 + lc)
    return { head: apdu.subarray(0, 5 + lc), le: apdu[5 + lc] === 0 ? 256 : apdu[5 + lc]! };
  return null;
}

const SELECT_MF = Uint8Array.of(0x00, 0xa4, 0x00, 0x0c, 0x02, 0x3f, 0x00);
const SELECT_AID_HEAD = Uint8Array.of(0x00, 0xa4, 0x04);

export class InteropLayer {
  private pending: Uint8Array | null = null;
  private waitingLe: { head: Uint8Array; response: Uint8Array } | null = null;
  private mfSelected = false;

  constructor(
    private readonly faults: FaultConfig,
    private readonly next: (apdu: Uint8Array) => Uint8Array,
  ) {}

  get active(): boolean {
    return this.faults.getResponse || this.faults.leExact || this.faults.mfSelectRequired;
  }

  reset(): void {
    this.pending = null;
    this.waitingLe = null;
    this.mfSelected = false;
  }

  process(apdu: Uint8Array): Uint8Array {
    if (!this.active) return this.next(apdu);
    // GET RESPONSE
    if (this.faults.getResponse && apdu.length === 5 && apdu[0] === 0x00 && apdu[1] === 0xc0) {
      const rest = this.pending;
      if (!rest) return sw(0x6985);
      const le = apdu[4] === 0 ? 256 : apdu[4]!;
      const body = rest.subarray(0, rest.length - 2);
      const chunk = body.subarray(0, le);
      const left = body.subarray(chunk.length);
      if (left.length > 0) {
        this.pending = concat(left, rest.subarray(rest.length - 2));
        return concat(chunk, sw(0x6100 | (Math.min(left.length, 256) % 256)));
      }
      this.pending = null;
      return concat(chunk, rest.subarray(rest.length - 2));
    }
    this.pending = null;
    if (this.faults.mfSelectRequired) {
      if (equalBytes(apdu, SELECT_MF)) {
        this.mfSelected = true;
        return sw(0x9000);
      }
      if (equalBytes(apdu.subarray(0, 3), SELECT_AID_HEAD) && !this.mfSelected) return sw(0x6a82);
    }
    const split = splitShortLe(apdu);
    // 6Cxx: the same command again with the exact Le gets the answer computed the first time.
    if (this.faults.leExact && split && this.waitingLe && equalBytes(split.head, this.waitingLe.head)) {
      const { response } = this.waitingLe;
      this.waitingLe = null;
      if (split.le === response.length - 2) return this.deliver(response, split.le !== null);
    }
    this.waitingLe = null;
    const response = this.next(apdu);
    const dataLength = response.length - 2;
    const case4 = split !== null && split.le !== null && apdu.length > 5;
    // Under T=0 a case-4 answer goes through GET RESPONSE; 6Cxx is for case 2.
    const exact = this.faults.leExact && !(this.faults.getResponse && case4);
    if (
      exact &&
      split &&
      split.le !== null &&
      dataLength > 0 &&
      dataLength < 256 &&
      split.le !== dataLength
    ) {
      this.waitingLe = { head: Uint8Array.from(split.head), response };
      return sw(0x6c00 | dataLength);
    }
    return this.deliver(response, case4);
  }

  /** Case-4 answers with data go through GET RESPONSE under `get-response`. */
  private deliver(response: Uint8Array, case4: boolean): Uint8Array {
    const dataLength = response.length - 2;
    if (this.faults.getResponse && case4 && dataLength > 0) {
      this.pending = response;
      return sw(0x6100 | (dataLength >= 256 ? 0 : dataLength));
    }
    return response;
  }
}
