/**
 * The shared core of the mocks of agencies that take forms (EVN, employment centre): checks the key and the
 * request's shape, runs the agency's own check, numbers the request and keeps it in its records. Faults come
 * from the shared mock server.
 */
import { AgencyMockServer, rejected, ok } from '../mock-server';
import { JsonRecords } from '../records';
import { AgencyFormsRequest } from './types';

export interface AgencyFormsRecord {
  reference: string;
  idempotencyKey: string;
  receivedAt: string;
  request: AgencyFormsRequest;
}

export function createFormsAgencyMock(opts: {
  agency: string;
  recordsPath: string;
  /** The agency's own check of a well-formed request: a refusal message, or null to accept. */
  check(r: AgencyFormsRequest): string | null;
  /** The reference of the n-th request (1-based) received at `now`. */
  reference(n: number, r: AgencyFormsRequest, now: Date): string;
  now?: () => number;
}): AgencyMockServer {
  const now = opts.now ?? Date.now;
  const records = new JsonRecords<AgencyFormsRecord>(opts.recordsPath);
  return new AgencyMockServer(
    opts.agency,
    {
      submit: (body) => {
        const key = typeof body.idempotencyKey === 'string' ? body.idempotencyKey : '';
        if (!/^[A-Za-z0-9:_-]{8,120}$/.test(key)) return rejected('idempotencyKey missing');
        const earlier = records.find((r) => r.idempotencyKey === key);
        if (earlier)
          return ok({ reference: earlier.reference, receivedAt: earlier.receivedAt, duplicate: true });
        const parsed = AgencyFormsRequest.safeParse(body.request);
        if (!parsed.success)
          return rejected(`request: ${parsed.error.issues[0]?.path.join('.') ?? ''} is not valid`);
        const refusal = opts.check(parsed.data);
        if (refusal) return rejected(refusal);
        const at = new Date(now());
        const reference = opts.reference(records.list().length + 1, parsed.data, at);
        records.add({ reference, idempotencyKey: key, receivedAt: at.toISOString(), request: parsed.data });
        return ok({ reference, receivedAt: at.toISOString(), duplicate: false });
      },
    },
    records,
  );
}
