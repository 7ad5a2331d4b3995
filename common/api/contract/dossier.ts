/** Dossiers: filled forms, submission, receipts, drafts, fee payment, attached documents. */
import { z } from 'zod';
import { Empty, type MethodGroup } from './base';

const ReceiptCore = z.object({
  localRef: z.string(),
  dossierCode: z.string().nullable(),
  state: z.string(),
  serviceId: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  maskedId: z.string(),
  receivedAt: z.number(),
  appointmentAt: z.number().nullable(),
  /** null: unknown fee ("Phí, lệ phí: cán bộ sẽ thông báo"), never "free". */
  feeVnd: z.number().nullable(),
  feePaid: z.boolean(),
});
/** A receipt; a linked service lists its other dossiers in `linked`. */
export const ReceiptView = ReceiptCore.extend({ linked: z.array(ReceiptCore).optional() });
export type ReceiptView = z.infer<typeof ReceiptView>;

export const FilledForm = z
  .object({
    formId: z.string().max(64),
    version: z.string().max(64),
    answers: z.record(z.string(), z.unknown()),
    corrections: z
      .array(z.object({ fieldId: z.string(), binding: z.string(), from: z.unknown(), to: z.unknown() }))
      .max(100),
  })
  .strict();
/** One form of the service, completed: its answers and the corrections of chip values the citizen asked for. */
export type FilledForm = z.infer<typeof FilledForm>;
/** A field the citizen changed although it came from the card or an earlier answer. */
export type Correction = FilledForm['corrections'][number];

/** A form in progress, saved at every step (`draft.save`) and offered again when the same card comes back. */
export const DraftData = z.object({
  formIndex: z.number().int().min(0).max(5),
  forms: z
    .array(
      z.object({
        formId: z.string().max(64),
        version: z.string().max(64),
        values: z.record(z.string(), z.unknown()),
        /** The screen to come back to (a step id, or `check` for "check your answers"). */
        stepId: z.string().max(64).optional(),
      }),
    )
    .max(5),
});
export type DraftData = z.infer<typeof DraftData>;

/** The electronic fee receipt (biên lai điện tử) as the payment screen shows it. */
export const EReceiptView = z.object({ number: z.string(), series: z.string(), url: z.string() });
export type EReceiptView = z.infer<typeof EReceiptView>;

/** A dossier's fee as the payment screen shows it (VietQR to the portal's account); `required: false`: nothing owed. */
export const PaymentView = z.object({
  required: z.boolean(),
  amountVnd: z.number(),
  reference: z.string(),
  accountName: z.string(),
  accountNo: z.string(),
  bankBin: z.string(),
  vietQr: z.string().nullable(),
  paid: z.boolean(),
});
export type PaymentView = z.infer<typeof PaymentView>;

/** One dossier component the citizen can add files for (`attachment.*`). */
export const AttachmentComponent = z.object({
  code: z.string(),
  title: z.string(),
  required: z.boolean(),
  state: z.enum(['missing', 'attached', 'at-counter']),
  files: z.array(
    z.object({
      name: z.string(),
      pages: z.number().int(),
      bytes: z.number().int(),
      source: z.enum(['camera', 'scanner']),
    }),
  ),
});
export type AttachmentComponent = z.infer<typeof AttachmentComponent>;

export const dossierMethods = {
  'dossier.submit': {
    params: z
      .object({
        serviceId: z.string().max(64),
        forms: z.array(FilledForm).min(1).max(5),
        /** Fee-exemption categories the citizen declared (what the card cannot tell). */
        declared: z.array(z.string().max(64)).max(16).optional(),
      })
      .strict(),
    result: ReceiptView,
  },
  'receipt.qr': {
    params: z.object({ localRef: z.string().max(64) }).strict(),
    result: z.object({ text: z.string() }),
  },
  'receipt.print': {
    params: z.object({ localRef: z.string().max(64) }).strict(),
    result: z.object({ kind: z.string() }),
  },
  /**
   * "In tờ khai để ký": the completed forms of a service as an A4 PDF for signature (check-answers and receipt
   * screens). `printed`: sent to the A4 printer; `download`: no printer (browser mode), the PDF comes back.
   */
  'forms.print': {
    params: z.object({ serviceId: z.string().max(64), forms: z.array(FilledForm).min(1).max(5) }).strict(),
    result: z.object({ kind: z.enum(['printed', 'download']), pdfBase64: z.string().nullable() }),
  },
  'dossier.lookup': {
    params: z.object({ text: z.string().min(1).max(1024) }).strict(),
    result: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('portal'),
        dossierCode: z.string(),
        status: z.number().int(),
        statusLabel: z.object({ vi: z.string(), en: z.string() }),
        procedureCode: z.string(),
        procedureName: z.string(),
        receivedAt: z.number(),
        appointmentAt: z.number().nullable(),
        /** null: the system has billed nothing yet (staff set the fee): unknown, not free. */
        feeVnd: z.number().nullable(),
        feePaid: z.boolean(),
      }),
      z.object({ kind: z.literal('queued'), localRef: z.string() }),
      z.object({ kind: z.literal('failed'), localRef: z.string() }),
    ]),
  },
  'draft.save': {
    params: z
      .object({
        serviceId: z.string().max(64),
        data: DraftData,
      })
      .strict(),
    result: z.object({ savedAt: z.number() }),
  },
  'draft.load': {
    params: Empty,
    result: z
      .object({
        serviceId: z.string(),
        savedAt: z.number(),
        data: DraftData,
      })
      .nullable(),
  },
  'draft.discard': { params: Empty, result: z.object({ discarded: z.boolean() }) },
  'payment.prepare': {
    params: z.object({ localRef: z.string().max(64) }).strict(),
    result: PaymentView,
  },
  'payment.check': {
    params: z.object({ localRef: z.string().max(64) }).strict(),
    /** `eReceipt`: the system's electronic fee receipt once paid (number, series, public link). */
    result: z.object({ paid: z.boolean(), eReceipt: z.lazy(() => EReceiptView.nullable().optional()) }),
  },
  /** Documents for the dossier being made: per component, photographed, scanned or brought to the counter. */
  'attachment.list': {
    params: z.object({ serviceId: z.string().min(1).max(64) }).strict(),
    result: z.lazy(() => z.array(AttachmentComponent)),
  },
  'attachment.photo': {
    params: z
      .object({
        serviceId: z.string().min(1).max(64),
        code: z.string().min(1).max(64),
        /** A camera frame as a JPEG/PNG data URL (the renderer keeps it under the message limit). */
        image: z.string().max(240_000),
      })
      .strict(),
    result: z.lazy(() => z.array(AttachmentComponent)),
  },
  'attachment.scan': {
    params: z.object({ serviceId: z.string().min(1).max(64), code: z.string().min(1).max(64) }).strict(),
    result: z.lazy(() => z.array(AttachmentComponent)),
  },
  'attachment.bring': {
    params: z.object({ serviceId: z.string().min(1).max(64), code: z.string().min(1).max(64) }).strict(),
    result: z.lazy(() => z.array(AttachmentComponent)),
  },
  'attachment.remove': {
    params: z.object({ serviceId: z.string().min(1).max(64), code: z.string().min(1).max(64) }).strict(),
    result: z.lazy(() => z.array(AttachmentComponent)),
  },
  'simulator.bankTransfer': {
    params: z.object({ localRef: z.string().max(64) }).strict(),
    result: z.object({ paid: z.boolean(), eReceipt: z.lazy(() => EReceiptView.nullable().optional()) }),
  },
} as const satisfies MethodGroup;
