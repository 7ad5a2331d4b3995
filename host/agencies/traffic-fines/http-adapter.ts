import { z } from 'zod';
import { callAgency, type AgencyHttpOptions } from '../http-client';
import { FinePayment, FinePaymentState, Violation, type TrafficFineAdapter } from './types';

/** `TrafficFineAdapter` over the agency wire convention (see ../http-client.ts and README.md). */
export class HttpTrafficFineAdapter implements TrafficFineAdapter {
  constructor(private readonly opts: AgencyHttpOptions) {}

  findByPlate(plate: string): Promise<Violation[]> {
    return callAgency(this.opts, 'violations/by-plate', { plate }, z.array(Violation));
  }
  findByDecision(decisionNumber: string): Promise<Violation[]> {
    return callAgency(this.opts, 'violations/by-decision', { decisionNumber }, z.array(Violation));
  }
  requestPayment(violationIds: string[], idempotencyKey: string): Promise<FinePayment> {
    return callAgency(this.opts, 'payments/request', { violationIds, idempotencyKey }, FinePayment);
  }
  paymentStatus(reference: string): Promise<FinePaymentState> {
    return callAgency(this.opts, 'payments/status', { reference }, FinePaymentState);
  }
  cancelPayment(reference: string): Promise<FinePaymentState> {
    return callAgency(this.opts, 'payments/cancel', { reference }, FinePaymentState);
  }
}
