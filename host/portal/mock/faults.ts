/**
 * Fault injection of the mock portal, set through `POST /admin/faults` (the body replaces the current
 * faults; missing fields take the defaults below). Rates are probabilities per request in [0, 1].
 */
export interface Faults {
  /** Added before every answer. */
  latencyMs: number;
  /** Answer HTTP 503 without doing anything. */
  errorRate: number;
  /** Never answer (the client's timeout fires). */
  timeoutRate: number;
  /** Store the pushed dossier, then drop the connection without answering. */
  dropAfterStoreRate: number;
  /** Handle the request twice (as a retrying gateway would) and answer the second result. */
  duplicateRate: number;
  /** Treat the caller's access token as expired (HTTP 401). */
  expireSessionRate: number;
  /** Refuse a pushed dossier as invalid data (the system's refusal: the kiosk sets it aside for staff). */
  rejectRate: number;
  /** Refuse every connection on the API paths (admin paths still answer). */
  down: boolean;
  /** Seed for the fault dice; omitted → Math.random. */
  seed?: number;
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  errorRate: 0,
  timeoutRate: 0,
  dropAfterStoreRate: 0,
  duplicateRate: 0,
  expireSessionRate: 0,
  rejectRate: 0,
  down: false,
};

const rate = (v: unknown, d: number) => (typeof v === 'number' && v >= 0 && v <= 1 ? v : d);

export function parseFaults(body: unknown): Faults {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return {
    latencyMs: typeof b.latencyMs === 'number' && b.latencyMs >= 0 ? Math.min(b.latencyMs, 60_000) : 0,
    errorRate: rate(b.errorRate, 0),
    timeoutRate: rate(b.timeoutRate, 0),
    dropAfterStoreRate: rate(b.dropAfterStoreRate, 0),
    duplicateRate: rate(b.duplicateRate, 0),
    expireSessionRate: rate(b.expireSessionRate, 0),
    rejectRate: rate(b.rejectRate, 0),
    down: b.down === true,
    ...(typeof b.seed === 'number' ? { seed: b.seed } : {}),
  };
}
