/** Fault modes of a virtual card: what can go wrong with a real card, on purpose. */
import { SimulatorError } from './errors';

export const FAULT_NAMES = [
  'forged-dg',
  'bad-sod-signature',
  'unknown-csca',
  'expired-chain',
  'aa-fail',
  'remove-after:N',
  'slow:MS',
  'slow-aa:MS',
  'max-le:N',
  'sm-error-rate:P',
  'no-extended-length',
  'no-do99',
  'eof-6282',
  'get-response',
  'le-exact',
  'mf-select-required',
  'no-sfi',
  't0',
  'clone-no-dg15',
  'ca-fail',
] as const;

/** A fault as written on the command line or passed to the API, e.g. `forged-dg`, `slow:50`, `max-le:223`. */
export type FaultName =
  | 'forged-dg'
  | 'bad-sod-signature'
  | 'unknown-csca'
  | 'expired-chain'
  | 'aa-fail'
  | 'no-extended-length'
  | 'no-do99'
  | 'eof-6282'
  | 'get-response'
  | 'le-exact'
  | 'mf-select-required'
  | 'no-sfi'
  | 't0'
  | 'clone-no-dg15'
  | 'ca-fail'
  | `remove-after:${number}`
  | `slow:${number}`
  | `slow-aa:${number}`
  | `max-le:${number}`
  | `sm-error-rate:${number}`;

export interface FaultConfig {
  forgedDg: boolean;
  badSodSignature: boolean;
  unknownCsca: boolean;
  expiredChain: boolean;
  aaFail: boolean;
  noExtendedLength: boolean;
  removeAfter: number | null;
  slowMs: number;
  /** Extra delay of INTERNAL AUTHENTICATE answers only (a chip slow to sign). */
  slowAaMs: number;
  maxLe: number | null;
  smErrorRate: number;
  /** Interop quirks of real chips (see README "Faults"). */
  noDo99: boolean;
  eof6282: boolean;
  getResponse: boolean;
  leExact: boolean;
  mfSelectRequired: boolean;
  noSfi: boolean;
  t0: boolean;
  /** A copy of the signed files without DG15 (and without the AA key): EF.COM leaves DG15 out. */
  cloneNoDg15: boolean;
  /** A copy with DG14 copied but another Chip Authentication private key. */
  caFail: boolean;
}

export const NO_FAULTS: FaultConfig = {
  forgedDg: false,
  badSodSignature: false,
  unknownCsca: false,
  expiredChain: false,
  aaFail: false,
  noExtendedLength: false,
  removeAfter: null,
  slowMs: 0,
  slowAaMs: 0,
  maxLe: null,
  smErrorRate: 0,
  noDo99: false,
  eof6282: false,
  getResponse: false,
  leExact: false,
  mfSelectRequired: false,
  noSfi: false,
  t0: false,
  cloneNoDg15: false,
  caFail: false,
};

function invalid(fault: string, why: string): SimulatorError {
  return new SimulatorError(
    'simulator.fault-invalid',
    `fault "${fault}": ${why}; known: ${FAULT_NAMES.join(', ')}`,
  );
}

export function parseFaults(faults: readonly string[] = []): FaultConfig {
  const c: FaultConfig = { ...NO_FAULTS };
  for (const f of faults) {
    const [name, arg] = f.split(':', 2) as [string, string | undefined];
    const num = (min: number, max: number): number => {
      const n = Number(arg);
      if (arg === undefined || arg === '' || !Number.isFinite(n) || n < min || n > max)
        throw invalid(f, `needs a number in [${min}, ${max}]`);
      return n;
    };
    switch (name) {
      case 'forged-dg':
        c.forgedDg = true;
        break;
      case 'bad-sod-signature':
        c.badSodSignature = true;
        break;
      case 'unknown-csca':
        c.unknownCsca = true;
        break;
      case 'expired-chain':
        c.expiredChain = true;
        break;
      case 'aa-fail':
        c.aaFail = true;
        break;
      case 'no-extended-length':
        c.noExtendedLength = true;
        break;
      case 'no-do99':
        c.noDo99 = true;
        break;
      case 'eof-6282':
        c.eof6282 = true;
        break;
      case 'get-response':
        c.getResponse = true;
        break;
      case 'le-exact':
        c.leExact = true;
        break;
      case 'mf-select-required':
        c.mfSelectRequired = true;
        break;
      case 'no-sfi':
        c.noSfi = true;
        break;
      case 't0':
        // T=0: case-4 answers through GET RESPONSE, exact Le for case 2, no extended length.
        c.t0 = true;
        c.getResponse = true;
        c.leExact = true;
        c.noExtendedLength = true;
        break;
      case 'clone-no-dg15':
        c.cloneNoDg15 = true;
        break;
      case 'ca-fail':
        c.caFail = true;
        break;
      case 'remove-after':
        c.removeAfter = Math.floor(num(0, 1e9));
        break;
      case 'slow':
        c.slowMs = num(0, 60_000);
        break;
      case 'slow-aa':
        c.slowAaMs = num(0, 60_000);
        break;
      case 'max-le':
        c.maxLe = Math.floor(num(1, 65536));
        break;
      case 'sm-error-rate':
        c.smErrorRate = num(0, 1);
        break;
      default:
        throw invalid(f, 'unknown fault');
    }
  }
  if ([c.unknownCsca, c.expiredChain].filter(Boolean).length > 1)
    throw invalid(faults.join(','), 'pick one signer fault');
  return c;
}
