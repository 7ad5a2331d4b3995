import { type AgencyHttpOptions, callAgency } from '../http-client';
import { AgencyFormsReceipt, type AgencyFormsRequest, type FormsAgencyAdapter } from './types';

/** `FormsAgencyAdapter` over HTTP: `POST <baseUrl>/submit {idempotencyKey, request}`. */
export class HttpFormsAgencyAdapter implements FormsAgencyAdapter {
  constructor(private readonly opts: AgencyHttpOptions) {}

  submit(request: AgencyFormsRequest, idempotencyKey: string): Promise<AgencyFormsReceipt> {
    return callAgency(
      { ...this.opts, headers: { ...this.opts.headers, 'idempotency-key': idempotencyKey } },
      'submit',
      { idempotencyKey, request },
      AgencyFormsReceipt,
    );
  }
}
