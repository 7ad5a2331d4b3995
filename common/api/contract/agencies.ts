/** Services through an agency's own system (host/agencies): 07 vehicle, 08 fines, 21 exam, 23–25 forms. */
import { z } from 'zod';
import { Empty, type MethodGroup } from './base';
import { FilledForm } from './dossier';

/** A traffic violation as the kiosk shows it: never the owner's name, ID or address. */
export const FineViolationView = z.object({
  id: z.string(),
  decisionNumber: z.string().nullable(),
  /** As printed: `30A-123.45`. */
  plate: z.string(),
  /** Epoch ms. */
  at: z.number(),
  place: z.string(),
  offence: z.string(),
  issuedBy: z.string(),
  amountVnd: z.number(),
  /** `YYYY-MM-DD` or null. */
  deadline: z.string().nullable(),
  paid: z.boolean(),
});
export type FineViolationView = z.infer<typeof FineViolationView>;

export const FineEReceiptView = z.object({
  number: z.string(),
  series: z.string(),
  url: z.string(),
  issuedAt: z.number(),
});

export const FinePaymentView = z.object({
  reference: z.string(),
  state: z.enum(['waiting', 'paid', 'cancelled']),
  amountVnd: z.number(),
  violations: z.array(FineViolationView),
  bankBin: z.string(),
  accountNo: z.string(),
  accountName: z.string(),
  vietQr: z.string().nullable(),
  eReceipt: FineEReceiptView.nullable(),
});
export type FinePaymentView = z.infer<typeof FinePaymentView>;

export const PoliceUnitView = z.object({ code: z.string(), name: z.string(), address: z.string() });
export const InspectionSlotView = z.object({
  id: z.string(),
  date: z.string(),
  halfDay: z.enum(['morning', 'afternoon']),
  at: z.number(),
});
/** The vehicle as the citizen typed it (checked again by the host with common/vehicle). */
export const VehicleInput = z
  .object({
    brand: z.string().min(1).max(60),
    model: z.string().min(1).max(60),
    colour: z.string().min(1).max(40),
    frameNumber: z.string().min(1).max(40),
    engineNumber: z.string().min(1).max(40),
    invoiceNumber: z.string().min(1).max(40),
    invoiceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    seller: z.string().min(1).max(200),
  })
  .strict();
export type VehicleInput = z.infer<typeof VehicleInput>;
export const VehicleReceiptView = z.object({
  code: z.string(),
  maskedId: z.string(),
  ownerName: z.string(),
  vehicle: z.object({
    brand: z.string(),
    model: z.string(),
    colour: z.string(),
    frameNumber: z.string(),
    engineNumber: z.string(),
  }),
  policeUnit: PoliceUnitView,
  slot: InspectionSlotView,
  /** null: unknown (staff will tell), never "free". */
  feeVnd: z.number().nullable(),
  receivedAt: z.number(),
});
export type VehicleReceiptView = z.infer<typeof VehicleReceiptView>;

export const agencyMethods = {
  // Exam registration of free candidates (service 21) through the exam system (host/agencies/exam).
  /** The window (config first, else the system's; `unknown` when neither says), places, subjects, priorities. */
  'exam.options': {
    params: z.object({ serviceId: z.string().max(64) }).strict(),
    result: z.object({
      window: z.object({
        state: z.enum(['open', 'closed', 'unknown']),
        opensOn: z.string().nullable(),
        closesOn: z.string().nullable(),
      }),
      clusters: z.array(z.object({ id: z.string(), name: z.string() })),
      subjects: z.object({
        compulsory: z.array(z.object({ id: z.string(), name: z.string() })),
        electives: z.array(z.object({ id: z.string(), name: z.string() })),
        choose: z.number().int(),
      }),
      priorities: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  },
  'exam.register': {
    params: z
      .object({
        serviceId: z.string().max(64),
        forms: z.array(FilledForm).min(1).max(1),
        clusterId: z.string().min(1).max(40),
        electives: z.array(z.string().min(1).max(40)).max(10),
        priority: z.string().min(1).max(40).nullable(),
      })
      .strict(),
    result: z.object({
      registrationNumber: z.string(),
      receivedAt: z.string(),
      clusterName: z.string(),
      subjects: z.array(z.string()),
      /** Papers to bring to the registration place (not attached at the kiosk). */
      toBring: z.array(z.object({ vi: z.string(), en: z.string() })),
      attached: z.number().int(),
      /** How the receipt was printed: the printer's kind (`file` in browser mode), `none`, or `failed`. */
      printed: z.string(),
    }),
  },
  // Forms an agency's own system takes (catalogue `takesForms`: 23 employment centre, 24/25 EVN; host/agencies/forms).
  'agencyForms.submit': {
    params: z.object({ serviceId: z.string().max(64), forms: z.array(FilledForm).min(1).max(1) }).strict(),
    result: z.object({
      agency: z.string(),
      /** The agency's own number for the request (EVN's request number, the centre's receipt number). */
      reference: z.string(),
      receivedAt: z.string(),
      /** Papers to bring (not attached at the kiosk). */
      toBring: z.array(z.object({ vi: z.string(), en: z.string() })),
      /** How the receipt was printed: the printer's kind (`file` in browser mode), `none`, or `failed`. */
      printed: z.string(),
    }),
  },
  // Agency services (host/agencies) --------------------------------------------------------------------
  /** 08: violations by plate or by decision number / receipt QR (no owner data). */
  'fines.lookup': {
    params: z.object({ by: z.enum(['plate', 'decision']), text: z.string().max(300) }).strict(),
    result: z.object({ query: z.string(), violations: z.array(FineViolationView) }),
  },
  /** 08: one VietQR payment for the chosen unpaid violations of the last lookup. */
  'fines.pay': {
    params: z.object({ violationIds: z.array(z.string().max(64)).min(1).max(20) }).strict(),
    result: FinePaymentView,
  },
  'fines.check': { params: z.object({ reference: z.string().max(25) }).strict(), result: FinePaymentView },
  'fines.cancel': { params: z.object({ reference: z.string().max(25) }).strict(), result: FinePaymentView },
  /** Prints the e-receipt of a paid payment. */
  'fines.print': {
    params: z.object({ reference: z.string().max(25) }).strict(),
    result: z.object({ kind: z.string() }),
  },
  /** 07: the competent police unit for the identified owner and its inspection sessions. */
  'vehicle.start': {
    params: Empty,
    result: z.object({
      policeUnit: PoliceUnitView,
      slots: z.array(InspectionSlotView),
      feeVnd: z.number().nullable(),
    }),
  },
  'vehicle.declare': {
    params: z.object({ vehicle: VehicleInput, slotId: z.string().max(32) }).strict(),
    result: VehicleReceiptView,
  },
  'vehicle.print': {
    params: z.object({ code: z.string().max(40) }).strict(),
    result: z.object({ kind: z.string() }),
  },
  /** Demo mode only: the bank transfer for a fine payment arrives. */
  'simulator.finesBankTransfer': {
    params: z.object({ reference: z.string().max(25) }).strict(),
    result: FinePaymentView,
  },
} as const satisfies MethodGroup;
