import { seededRandom } from '../../common/seeded-random';

/**
 * Fault injection of an agency mock (`POST /admin/faults`; the body replaces the current faults, missing
 * fields take the defaults). Rates are probabilities per request in [0, 1]. Admin paths always answer.
 */
export interface AgencyFaults {
  /** Refuse every connection on the API paths. */
  down: boolean;
  /** Added before every answer ("slow"). */
  latencyMs: number;
  /** Answer HTTP 503 without doing anything. */
  errorRate: number;
  /** Never answer (the client's timeout fires). */
  timeoutRate: number;
  /** Refuse the request as the agency would (`{ok:false, code:'rejected'}`). */
  rejectRate: number;
  /** Seed for the fault dice; omitted → Math.random. */
  seed?: number;
}

export const NO_AGENCY_FAULTS: AgencyFaults = {
  down: false,
  latencyMs: 0,
  errorRate: 0,
  timeoutRate: 0,
  rejectRate: 0,
};

const rate = (v: unknown) => (typeof v === 'number' && v >= 0 && v <= 1 ? v : 0);

export function parseAgencyFaults(body: unknown): AgencyFaults {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return {
    down: b.down === true,
    latencyMs: typeof b.latencyMs === 'number' && b.latencyMs >= 0 ? Math.min(b.latencyMs, 60_000) : 0,
    errorRate: rate(b.errorRate),
    timeoutRate: rate(b.timeoutRate),
    rejectRate: rate(b.rejectRate),
    ...(typeof b.seed === 'number' ? { seed: b.seed } : {}),
  };
}

export function faultDice(f: AgencyFaults): () => number {
  return f.seed === undefined ? Math.random : seededRandom(f.seed);
}
