/**
 * Services whose catalogue forms an agency's own system takes (catalogue `kioskSupport.mode: "agency"` with
 * `takesForms: true`): EVN's customer-service system (24, 25), the employment service centre (23). One wire
 * shape for all of them — the kiosk's own (host/agencies/README.md), to be mapped to each agency's real API
 * when one is given: the verified applicant, the form answers as filled, and a reference number back.
 */
import { z } from 'zod';

/** One request: the applicant from the chip (never typed text) and the filled form. Personal: never logged. */
export const AgencyFormsRequest = z.object({
  serviceId: z.string().min(1).max(64),
  applicant: z.object({
    fullName: z.string().min(1).max(100),
    idNumber: z.string().regex(/^\d{12}$/),
    dateOfBirth: z.string().min(4).max(10).nullable(),
  }),
  form: z.object({
    id: z.string().min(1).max(64),
    version: z.string().min(1).max(64),
    answers: z.record(z.string(), z.unknown()),
  }),
  /** ISO time the kiosk filed it. */
  filedAt: z.string().min(1),
});
export type AgencyFormsRequest = z.infer<typeof AgencyFormsRequest>;

/** What the agency answers: its own reference number for the request. */
export const AgencyFormsReceipt = z.object({
  reference: z.string().regex(/^[A-Z0-9][A-Z0-9-]{5,39}$/),
  receivedAt: z.string().min(1),
  /** The same key sent again: the first request, not a second one. */
  duplicate: z.boolean(),
});
export type AgencyFormsReceipt = z.infer<typeof AgencyFormsReceipt>;

export interface FormsAgencyAdapter {
  /** Sends one request; the same `idempotencyKey` returns the first one. Throws `AgencyError`. */
  submit(request: AgencyFormsRequest, idempotencyKey: string): Promise<AgencyFormsReceipt>;
}
