/** ISO 7816-4 command APDUs, short and extended length. */
import { ChipError } from './errors';

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Uint8Array;
  /** Expected response length: 1..256 short, up to 65536 extended; undefined = no Le. */
  le?: number;
  /** Force extended encoding even when short would fit. */
  extended?: boolean;
}

/** True when the command needs (or asks for) extended-length encoding. */
export function needsExtended(cmd: CommandApdu): boolean {
  return cmd.extended === true || (cmd.data?.length ?? 0) > 255 || (cmd.le ?? 0) > 256;
}

export function encodeApdu(cmd: CommandApdu): Uint8Array {
  const data = cmd.data ?? new Uint8Array(0);
  if (data.length > 65535) throw new ChipError('chip-apdu-invalid', 'APDU data too long');
  if (cmd.le !== undefined && (cmd.le < 1 || cmd.le > 65536))
    throw new ChipError('chip-apdu-invalid', 'Le out of range');
  const header = [cmd.cla & 0xff, cmd.ins & 0xff, cmd.p1 & 0xff, cmd.p2 & 0xff];
  const out: number[] = [...header];
  if (!needsExtended(cmd)) {
    if (data.length > 0) out.push(data.length, ...data);
    if (cmd.le !== undefined) out.push(cmd.le === 256 ? 0 : cmd.le);
    return Uint8Array.from(out);
  }
  if (data.length > 0) out.push(0, data.length >> 8, data.length & 0xff, ...data);
  if (cmd.le !== undefined) {
    const le = cmd.le === 65536 ? 0 : cmd.le;
    if (data.length === 0) out.push(0);
    out.push(le >> 8, le & 0xff);
  }
  return Uint8Array.from(out);
}

/** Splits `data‖SW1SW2`. */
export function splitResponse(response: Uint8Array): { data: Uint8Array; sw: number } {
  if (response.length < 2) throw new ChipError('chip-apdu-invalid', 'response shorter than a status word');
  const n = response.length;
  return { data: response.subarray(0, n - 2), sw: (response[n - 2]! << 8) | response[n - 1]! };
}

export const SW_OK = 0x9000;

export function swHex(sw: number): string {
  return sw.toString(16).padStart(4, '0').toUpperCase();
}
