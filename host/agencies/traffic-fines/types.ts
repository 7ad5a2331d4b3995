import { z } from 'zod';

/**
 * One violation as the kiosk may show it: what, when, where, how much, until when. Never the owner's name,
 * ID or address — a plate lookup is anonymous and the screen is public (the wire schema drops any other field).
 */
export const Violation = z.object({
  id: z.string().min(1).max(64),
  /** The penalty decision (số quyết định), or null while only a notice exists. */
  decisionNumber: z.string().max(40).nullable(),
  /** Canonical plate (common/vehicle/plate.ts). */
  plate: z.string().max(16),
  /** When it happened, ISO 8601 with offset. */
  at: z.string().max(40),
  place: z.string().max(200),
  offence: z.string().max(300),
  /** Who decided (the unit that issued the decision). */
  issuedBy: z.string().max(200),
  amountVnd: z.number().int().nonnegative(),
  /** Last day to pay (yyyy-mm-dd), or null when the decision gives none. */
  deadline: z.string().max(10).nullable(),
  paid: z.boolean(),
});
export type Violation = z.infer<typeof Violation>;

/** What to transfer to pay the chosen violations (one VietQR). */
export const FinePayment = z.object({
  reference: z.string().min(1).max(25),
  violationIds: z.array(z.string()).min(1),
  amountVnd: z.number().int().positive(),
  bankBin: z.string(),
  accountNo: z.string(),
  accountName: z.string(),
});
export type FinePayment = z.infer<typeof FinePayment>;

/** The electronic receipt (biên lai điện tử) issued once paid. */
export const FineEReceipt = z.object({
  number: z.string(),
  series: z.string(),
  url: z.string(),
  issuedAt: z.string(),
});
export type FineEReceipt = z.infer<typeof FineEReceipt>;

export const FinePaymentState = z.object({
  reference: z.string(),
  state: z.enum(['waiting', 'paid', 'cancelled']),
  amountVnd: z.number().int(),
  violationIds: z.array(z.string()),
  eReceipt: FineEReceipt.nullable(),
});
export type FinePaymentState = z.infer<typeof FinePaymentState>;

/**
 * The traffic-fine payment system (a payment service, not a TTHC): look up unpaid violations, get one
 * payment for several, follow it until the bank's transfer arrives, or cancel it. Throws `AgencyError`.
 */
export interface TrafficFineAdapter {
  /** Unpaid and paid violations recorded for a plate (canonical form); [] when none. */
  findByPlate(plate: string): Promise<Violation[]>;
  /** The violations of one decision; `agency-not-found` when the number is unknown. */
  findByDecision(decisionNumber: string): Promise<Violation[]>;
  /** One payment for the chosen unpaid violations; the same key gives the same payment. */
  requestPayment(violationIds: string[], idempotencyKey: string): Promise<FinePayment>;
  paymentStatus(reference: string): Promise<FinePaymentState>;
  /** The citizen gave up: the reference no longer takes money. A paid payment stays paid. */
  cancelPayment(reference: string): Promise<FinePaymentState>;
}
