/**
 * The mock of the employment service centre's system (service 23, unemployment benefit): takes the claim form
 * (Mẫu số 03, `unemployment-03`) and answers a receipt number of its own invention (the centre's real
 * numbering, and the procedure's national code, are not in the sources).
 */
import { isoDateInVietnam } from '../../../common/text/format';
import type { AgencyMockServer } from '../mock-server';
import { createFormsAgencyMock } from '../forms/mock';

export function createEmploymentMock(opts: { recordsPath: string; now?: () => number }): AgencyMockServer {
  return createFormsAgencyMock({
    agency: 'employment',
    recordsPath: opts.recordsPath,
    now: opts.now,
    check: (r) =>
      r.serviceId !== 'unemployment-benefit'
        ? `service ${r.serviceId} is not an employment-centre service`
        : r.form.id !== 'unemployment-03'
          ? `form ${r.form.id} is not the claim form`
          : null,
    reference: (n, _r, at) => `TCTN${isoDateInVietnam(at).replaceAll('-', '')}-${String(n).padStart(5, '0')}`,
  });
}
