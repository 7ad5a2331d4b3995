import type { AgencyFaults } from './faults';
import { mockHandle, startMockProcess, type MockHandle } from '../mock-process/mock-process';

/** An agency mock running in its own process (`scripts/agency-mock.ts`). */
export interface StartedAgencyMock extends MockHandle<Partial<AgencyFaults>> {
  agency: string;
  /** Every record the mock keeps (what it received), as stored. */
  records<T = Record<string, unknown>>(): Promise<T[]>;
  /** A call to one of the mock's admin operations (`POST /admin/<name>`), e.g. the demo bank. */
  admin(name: string, body: unknown): Promise<unknown>;
}

/** Starts the mock of `agency` (a name of `AGENCY_MOCKS`) with its records in `recordsPath`. */
export async function startAgencyMock(opts: {
  agency: string;
  recordsPath: string;
  port?: number;
}): Promise<StartedAgencyMock> {
  const p = await startMockProcess('scripts/agency-mock.ts', [
    '--agency',
    opts.agency,
    '--port',
    String(opts.port ?? 0),
    '--records',
    opts.recordsPath,
  ]);
  return {
    ...mockHandle<Partial<AgencyFaults>>(p),
    agency: opts.agency,
    async records<T>() {
      return ((await p.admin('GET', '/admin/records')) as { records: T[] }).records;
    },
    admin: (name, body) => p.admin('POST', `/admin/${name}`, body),
  };
}
