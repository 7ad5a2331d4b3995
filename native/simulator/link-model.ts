/**
 * A model of the contactless link between reader and card, so timings through the simulator look like a real
 * CCCD on a real reader instead of a loopback socket: each APDU costs a turnaround (reader + chip processing,
 * drawn uniformly from [min, max] ms with a seeded PRNG) plus the time its bytes take on air at the ISO/IEC 14443
 * bit rate, in ISO/IEC 14443-4 frames (FSD/FSC bytes each, 1 PCB + 2 CRC bytes of framing) with an R(ACK)
 * exchange per extra chained frame. Applied by both card transports (in-process and vpcd); off by default.
 *
 * Spec strings (`--link`): `424k` · `424k,5-15` · `bitrate=424000,turnaround=5-15,frame=256,chain=1,bits=9,seed=1`.
 */
import { SimulatorError } from './errors';
import { seededRandom } from '../../common/seeded-random';

export interface LinkModel {
  /** Bits per second on air: 106 000, 212 000, 424 000 or 848 000 for ISO/IEC 14443. */
  bitRate: number;
  /** Per-APDU turnaround in ms, [min, max]. */
  turnaroundMs: [number, number];
  /** Bits on air per byte: 9 for Type A (8 data + parity), 10 for Type B (start + 8 + stop). */
  bitsPerByte: number;
  /** ISO/IEC 14443-4 frame size (FSD / FSC), bytes including 3 bytes of framing. */
  frameSize: number;
  /** Cost of each extra chained frame (the R(ACK) exchange), ms. */
  chainingMs: number;
  seed: number;
}

/** 424 kbit/s Type A, 5–15 ms turnaround, 256-byte frames, 1 ms per chained frame. */
export const DEFAULT_LINK: LinkModel = {
  bitRate: 424_000,
  turnaroundMs: [5, 15],
  bitsPerByte: 9,
  frameSize: 256,
  chainingMs: 1,
  seed: 1,
};

const FRAME_OVERHEAD = 3;

function invalid(spec: string, why: string): SimulatorError {
  return new SimulatorError('simulator.link-invalid', `link "${spec}": ${why}`);
}

function rate(text: string, spec: string): number {
  const m = /^(\d+(?:\.\d+)?)(k|m)?$/i.exec(text.trim());
  if (!m) throw invalid(spec, 'bit rate must be a number, e.g. 424k');
  const n = Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1e3 : m[2]?.toLowerCase() === 'm' ? 1e6 : 1);
  if (!(n >= 1000 && n <= 1e8)) throw invalid(spec, 'bit rate out of range');
  return n;
}

function range(text: string, spec: string): [number, number] {
  const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?(?:ms)?$/.exec(text.trim());
  if (!m) throw invalid(spec, 'turnaround must be MS or MIN-MAX');
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (!(a >= 0 && b >= a && b <= 10_000)) throw invalid(spec, 'turnaround out of range');
  return [a, b];
}

/** Parses a `--link` spec (see the file comment); unspecified parts take DEFAULT_LINK's values. */
export function parseLinkModel(spec: string): LinkModel {
  const m: LinkModel = { ...DEFAULT_LINK, turnaroundMs: [...DEFAULT_LINK.turnaroundMs] };
  const parts = spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) throw invalid(spec, 'empty');
  parts.forEach((part, i) => {
    const [key, value] = part.includes('=')
      ? (part.split('=', 2) as [string, string])
      : [i === 0 ? 'bitrate' : 'turnaround', part];
    const num = (min: number, max: number): number => {
      const n = Number(value);
      if (!Number.isFinite(n) || n < min || n > max)
        throw invalid(spec, `${key} must be in [${min}, ${max}]`);
      return n;
    };
    switch (key) {
      case 'bitrate':
        m.bitRate = rate(value, spec);
        break;
      case 'turnaround':
        m.turnaroundMs = range(value, spec);
        break;
      case 'bits':
        m.bitsPerByte = num(8, 12);
        break;
      case 'frame':
        m.frameSize = num(16, 4096);
        break;
      case 'chain':
        m.chainingMs = num(0, 1000);
        break;
      case 'seed':
        m.seed = num(0, 2 ** 32 - 1);
        break;
      default:
        throw invalid(spec, `unknown part "${key}"`);
    }
  });
  return m;
}

/** On-air time of one message of `length` bytes, ms (frames, framing bytes and chaining included). */
export function airTimeMs(model: LinkModel, length: number): number {
  const payload = model.frameSize - FRAME_OVERHEAD;
  const frames = Math.max(1, Math.ceil(length / payload));
  const onAir = length + frames * FRAME_OVERHEAD;
  return (onAir * model.bitsPerByte * 1000) / model.bitRate + (frames - 1) * model.chainingMs;
}

/** Per-card link timing state (the seeded turnaround sequence). */
export class LinkTimer {
  private readonly random: () => number;
  constructor(readonly model: LinkModel) {
    this.random = seededRandom(model.seed);
  }

  /** How long one APDU exchange takes on this link, ms. */
  exchangeMs(commandLength: number, responseLength: number): number {
    const [lo, hi] = this.model.turnaroundMs;
    return (
      lo +
      (hi - lo) * this.random() +
      airTimeMs(this.model, commandLength) +
      airTimeMs(this.model, responseLength)
    );
  }

  /** Waits as long as the exchange would take on the air. */
  async delay(commandLength: number, responseLength: number): Promise<void> {
    const ms = this.exchangeMs(commandLength, responseLength);
    if (ms > 0) await new Promise((r) => setTimeout(r, ms));
  }
}

export function linkTimerOf(link: LinkModel | string | null | undefined): LinkTimer | null {
  if (!link) return null;
  return new LinkTimer(typeof link === 'string' ? parseLinkModel(link) : link);
}
