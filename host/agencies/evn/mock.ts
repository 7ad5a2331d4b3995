/**
 * The mock of EVN's customer-service system (services 24 new connection, 25 change of contract holder): takes
 * the `evn-request` form, checks that the request kind matches the service and that a change names a customer
 * code, and answers a request number of its own invention (EVN's real numbering is not in the sources).
 */
import { isoDateInVietnam } from '../../../common/text/format';
import type { AgencyMockServer } from '../mock-server';
import { createFormsAgencyMock } from '../forms/mock';

/** Which `requestKind` each EVN service takes. */
export const EVN_REQUEST_KINDS: Record<string, string> = {
  'new-electricity-connection': 'cap-dien-moi',
  'electricity-contract-holder-change': 'doi-chu-hop-dong',
};

export function createEvnMock(opts: { recordsPath: string; now?: () => number }): AgencyMockServer {
  return createFormsAgencyMock({
    agency: 'evn',
    recordsPath: opts.recordsPath,
    now: opts.now,
    check: (r) => {
      const kind = EVN_REQUEST_KINDS[r.serviceId];
      if (!kind) return `service ${r.serviceId} is not an EVN service`;
      if (r.form.id !== 'evn-request') return `form ${r.form.id} is not an EVN request`;
      if (r.form.answers.requestKind !== kind) return 'requestKind does not match the service';
      if (kind === 'doi-chu-hop-dong' && !/^[A-Z]{2}\d{11}$/.test(String(r.form.answers.customerCode ?? '')))
        return 'customerCode missing';
      return null;
    },
    reference: (n, r, at) =>
      `YC${r.serviceId === 'new-electricity-connection' ? 'CD' : 'HD'}${isoDateInVietnam(at).replaceAll('-', '')}-${String(n).padStart(5, '0')}`,
  });
}
