/** ISO 7816-4 command APDU parsing (cases 1, 2S/3S/4S, 2E/3E/4E), card side. */
import { SimulatorError } from './errors';

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Uint8Array;
  /** Expected response length Ne (256 for short `00`, 65536 for extended `0000`); null when absent. */
  ne: number | null;
  extended: boolean;
}

function malformed(message: string): SimulatorError {
  return new SimulatorError('simulator.apdu-malformed', message);
}

export function parseCommandApdu(bytes: Uint8Array): CommandApdu {
  if (bytes.length < 4) throw malformed(`APDU shorter than its header (${bytes.length} bytes)`);
  const [cla, ins, p1, p2] = [bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0, bytes[3] ?? 0];
  const body = bytes.subarray(4);
  const base = { cla, ins, p1, p2 };
  if (body.length === 0) return { ...base, data: new Uint8Array(0), ne: null, extended: false };
  const b0 = body[0] ?? 0;
  if (body.length === 1)
    return { ...base, data: new Uint8Array(0), ne: b0 === 0 ? 256 : b0, extended: false };
  if (b0 !== 0) {
    if (body.length === 1 + b0) return { ...base, data: body.slice(1), ne: null, extended: false };
    if (body.length === 2 + b0) {
      const le = body[1 + b0] ?? 0;
      return { ...base, data: body.slice(1, 1 + b0), ne: le === 0 ? 256 : le, extended: false };
    }
    throw malformed(`short Lc ${b0} does not match a body of ${body.length} bytes`);
  }
  // extended: b0 == 0
  if (body.length === 3) {
    const le = ((body[1] ?? 0) << 8) | (body[2] ?? 0);
    return { ...base, data: new Uint8Array(0), ne: le === 0 ? 65536 : le, extended: true };
  }
  if (body.length < 3) throw malformed('truncated extended length field');
  const lc = ((body[1] ?? 0) << 8) | (body[2] ?? 0);
  if (lc === 0) throw malformed('extended Lc of zero');
  if (body.length === 3 + lc) return { ...base, data: body.slice(3, 3 + lc), ne: null, extended: true };
  if (body.length === 5 + lc) {
    const le = ((body[3 + lc] ?? 0) << 8) | (body[4 + lc] ?? 0);
    return { ...base, data: body.slice(3, 3 + lc), ne: le === 0 ? 65536 : le, extended: true };
  }
  throw malformed(`extended Lc ${lc} does not match a body of ${body.length} bytes`);
}

/** Encodes a command APDU, choosing the extended form only when needed (used by tests and tools). */
export function encodeCommandApdu(c: Omit<CommandApdu, 'extended'> & { extended?: boolean }): Uint8Array {
  const extended = c.extended ?? (c.data.length > 255 || (c.ne ?? 0) > 256);
  const out: number[] = [c.cla, c.ins, c.p1, c.p2];
  if (!extended) {
    if (c.data.length > 0) out.push(c.data.length, ...c.data);
    if (c.ne !== null) out.push(c.ne === 256 ? 0 : c.ne);
  } else {
    if (c.data.length > 0) out.push(0, c.data.length >> 8, c.data.length & 0xff, ...c.data);
    if (c.ne !== null) {
      const le = c.ne === 65536 ? 0 : c.ne;
      if (c.data.length === 0) out.push(0);
      out.push(le >> 8, le & 0xff);
    }
  }
  return new Uint8Array(out);
}
