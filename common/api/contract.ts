/**
 * KioskApi: the one typed contract between the renderer (UI) and the host (state and devices).
 *
 * It is implemented once by the host and carried by two transports: Electron IPC (preload +
 * ipcMain) in the kiosk, and a WebSocket on 127.0.0.1 in browser/dev/e2e mode. The renderer never
 * knows which. Every message is validated with these zod schemas at the host boundary.
 */
import { z } from 'zod';
import { Form, Service } from '../../catalogue/schema';
import { ChipVerification, Identity } from '../identity';

export const PROTOCOL_VERSION = 1;

export const Language = z.enum(['vi', 'en']);
export type Language = z.infer<typeof Language>;

// ---------------------------------------------------------------------------------------------
// Shared payloads

export const ReaderState = z.enum(['no-service', 'no-reader', 'ready', 'card-present', 'reading', 'error']);
export const ScannerState = z.enum(['none', 'connected', 'disconnected']);
export const PortalState = z.enum(['unknown', 'up', 'down']);
export const PrinterState = z.enum(['ready', 'absent', 'out-of-paper', 'file']);

export const DeviceStatus = z.object({
  reader: z.object({ state: ReaderState, name: z.string().nullable(), simulated: z.boolean() }),
  scanner: z.object({ state: ScannerState, path: z.string().nullable(), simulated: z.boolean() }),
  portal: z.object({
    state: PortalState,
    queued: z.number().int().nonnegative(),
    mock: z.boolean(),
    /** Catalogue/system mismatches found by the start-up reconciliation (`portal.reconciliation`). */
    mismatches: z.number().int().nonnegative().optional(),
  }),
  printer: z.object({ state: PrinterState }),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const Hello = z.object({
  protocolVersion: z.number().int(),
  kioskName: z.string(),
  defaultLanguage: Language,
  demoMode: z.boolean(),
  timeouts: z.object({
    idleSeconds: z.number().int().positive(),
    warningSeconds: z.number().int().positive(),
  }),
  /** The configured filing channel: which rates apply (online / in person), shown with the fee. */
  filingChannel: z.enum(['online', 'in-person']),
});
export type Hello = z.infer<typeof Hello>;

export const SimulatorProfile = z.object({
  id: z.string(),
  label: z.string(),
  cardType: z.string(),
});
export type SimulatorProfile = z.infer<typeof SimulatorProfile>;

export const PlaceOption = z.object({ code: z.string(), name: z.string() });
export const PlaceCandidate = z.object({
  provinceCode: z.string(),
  communeCode: z.string(),
  label: z.string(),
});
export const RemapAnswer = z.discriminatedUnion('status', [
  PlaceCandidate.extend({ status: z.literal('unique'), detail: z.string() }),
  z.object({ status: z.literal('ambiguous'), candidates: z.array(PlaceCandidate), detail: z.string() }),
  z.object({ status: z.literal('not-found') }),
]);
export type RemapAnswer = z.infer<typeof RemapAnswer>;

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

export const SpeechStatus = z.object({
  enabled: z.boolean(),
  state: z.enum(['speaking', 'paused', 'idle']),
  volumeStep: z.number().int(),
  volumeStepCount: z.number().int(),
});
export type SpeechStatus = z.infer<typeof SpeechStatus>;

/** A staff alert (host/store/alerts.ts): no personal data — a code, a severity, times and a count. */
export const StaffAlert = z.object({
  code: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  firstAt: z.number().int(),
  lastAt: z.number().int(),
  count: z.number().int(),
  clearedAt: z.number().int().nullable(),
});
export type StaffAlert = z.infer<typeof StaffAlert>;
/** Whose card a form asks to be tapped besides the citizen's own (catalogue step `otherCard.role`). */
export const OtherCardRole = z.enum(['household-head', 'owner', 'other-parent', 'spouse']);
export type OtherCardRole = z.infer<typeof OtherCardRole>;

export const SessionEndReason = z.enum(['done', 'timeout', 'cancel', 'consent-declined', 'staff']);
export type SessionEndReason = z.infer<typeof SessionEndReason>;

/** Reason chips of a satisfaction rating (codes; the renderer words them in vi and en). */
export const RatingReason = z.enum([
  'waited-too-long',
  'hard-to-understand',
  'kiosk-failed',
  'card-not-read',
  'too-many-questions',
  'other',
]);
export type RatingReason = z.infer<typeof RatingReason>;

/** One CSCA / link certificate / CRL of the trust store, or a file that could not be used. */
export const TrustEntry = z.object({
  kind: z.enum(['csca', 'link', 'crl', 'rejected']),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string().nullable(),
  sha256: z.string(),
  notBefore: z.string(),
  notAfter: z.string().nullable(),
  source: z.string().nullable(),
  note: z.string().nullable(),
});
export type TrustEntry = z.infer<typeof TrustEntry>;

// ---------------------------------------------------------------------------------------------
// Methods: name → params and result schemas

const Empty = z.object({}).strict();

/** The electronic fee receipt (biên lai điện tử) as the payment screen shows it. */
export const EReceiptView = z.object({ number: z.string(), series: z.string(), url: z.string() });

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

export const methods = {
  'kiosk.hello': { params: Empty, result: Hello },
  'status.get': { params: Empty, result: DeviceStatus },
  'session.start': {
    params: z.object({ language: Language }).strict(),
    result: z.object({ sessionId: z.string() }),
  },
  'session.end': {
    params: z.object({ reason: SessionEndReason }).strict(),
    result: z.object({ ended: z.boolean() }),
  },
  'simulator.profiles': { params: Empty, result: z.array(SimulatorProfile) },
  'simulator.insertCard': {
    params: z
      .object({ profileId: z.string().min(1).max(64), faults: z.array(z.string().max(64)).max(8).optional() })
      .strict(),
    result: z.object({ inserted: z.boolean() }),
  },
  'simulator.removeCard': { params: Empty, result: z.object({ removed: z.boolean() }) },
  'simulator.showQr': {
    params: z.object({ profileId: z.string().min(1).max(64) }).strict(),
    result: z.object({ shown: z.boolean() }),
  },
  'session.consent': {
    params: z.object({ granted: z.boolean() }).strict(),
    result: z.object({ accepted: z.boolean() }),
  },
  'identify.other': {
    params: z.object({ role: OtherCardRole }).strict(),
    result: z.object({ started: z.literal(true) }),
  },
  'identify.otherCancel': { params: Empty, result: z.object({ cancelled: z.literal(true) }) },
  'identify.qr': {
    params: z.object({ payload: z.string().max(4096) }).strict(),
    result: z.object({ accepted: z.literal(true), cardType: z.string() }),
  },
  'identify.mrz': {
    params: z
      .object({
        documentNumber: z.string().regex(/^[0-9A-Z<]{9}$/),
        dateOfBirth: z.string().regex(/^\d{6}$/),
        dateOfExpiry: z.string().regex(/^\d{6}$/),
      })
      .strict(),
    result: z.object({ accepted: z.literal(true) }),
  },
  /** The Card Access Number printed on the card (PACE-only chips: after `chip-can-required`). */
  'identify.can': {
    params: z.object({ can: z.string().regex(/^\d{6}$/) }).strict(),
    result: z.object({ accepted: z.literal(true) }),
  },
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
        feeVnd: z.number(),
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
        data: z.object({
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
        }),
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
        data: z.object({
          formIndex: z.number().int(),
          forms: z.array(
            z.object({
              formId: z.string(),
              version: z.string(),
              values: z.record(z.string(), z.unknown()),
              stepId: z.string().optional(),
            }),
          ),
        }),
      })
      .nullable(),
  },
  'draft.discard': { params: Empty, result: z.object({ discarded: z.boolean() }) },
  'queue.take': {
    params: z.object({ group: z.enum(['police', 'justice', 'general']) }).strict(),
    result: z.object({
      number: z.string(),
      group: z.string(),
      issuedAt: z.number(),
      ahead: z.number().int(),
      printed: z.string().nullable(),
    }),
  },
  'payment.prepare': {
    params: z.object({ localRef: z.string().max(64) }).strict(),
    result: z.object({
      required: z.boolean(),
      amountVnd: z.number(),
      reference: z.string(),
      accountName: z.string(),
      accountNo: z.string(),
      bankBin: z.string(),
      vietQr: z.string().nullable(),
      paid: z.boolean(),
    }),
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
  /** Diagnostics and staff: the last start-up reconciliation of the catalogue against the provincial system. */
  'portal.reconciliation': {
    params: Empty,
    result: z
      .object({
        checkedAt: z.number(),
        agencies: z.number().int(),
        procedures: z.number().int(),
        findings: z.array(
          z.object({
            kind: z.enum([
              'no-agency',
              'not-offered',
              'fee-differs',
              'time-limit-differs',
              'agency-unreachable',
            ]),
            serviceId: z.string().nullable(),
            procedureCode: z.string().nullable(),
            agencyCode: z.string().nullable(),
            catalogue: z.string().nullable(),
            portal: z.string().nullable(),
          }),
        ),
      })
      .nullable(),
  },
  'simulator.bankTransfer': {
    params: z.object({ localRef: z.string().max(64) }).strict(),
    result: z.object({ paid: z.boolean(), eReceipt: z.lazy(() => EReceiptView.nullable().optional()) }),
  },
  'staff.unlock': {
    params: z.object({ pin: z.string().max(12) }).strict(),
    result: z.object({ ok: z.boolean(), lockedForSeconds: z.number().int() }),
  },
  /** Open staff alerts (no personal data), most severe first. */
  'staff.alerts': { params: Empty, result: z.array(StaffAlert) },
  /**
   * Satisfaction rating after a finished, refused or abandoned journey: one score (1 very unhappy … 5 very
   * happy) and optional reason chips. Counted per day and service only (host/reports): no personal data, no
   * link to a dossier. `recorded: false` when the journey was already rated or none is recent.
   */
  'rating.submit': {
    params: z
      .object({ score: z.number().int().min(1).max(5), reasons: z.array(RatingReason).max(6).optional() })
      .strict(),
    result: z.object({ recorded: z.boolean() }),
  },
  'speech.say': {
    params: z.object({ text: z.string().max(4000), lang: Language, masked: z.boolean().optional() }).strict(),
    result: z.object({ outcome: z.string() }),
  },
  'speech.status': { params: Empty, result: z.lazy(() => SpeechStatus) },
  'speech.control': {
    params: z
      .object({
        action: z.enum(['repeat', 'pause', 'resume', 'stop', 'louder', 'quieter', 'enable', 'disable']),
      })
      .strict(),
    result: z.lazy(() => SpeechStatus),
  },
  'catalogue.services': { params: Empty, result: z.array(Service) },
  'catalogue.form': {
    params: z.object({ id: z.string().min(1).max(64), version: z.string().max(64).optional() }).strict(),
    result: Form,
  },
  'catalogue.home': {
    params: Empty,
    result: z.object({
      mostUsed: z.array(z.string()),
      categories: z.array(
        z.object({
          id: z.string(),
          label: z.object({ vi: z.string(), en: z.string() }),
          serviceIds: z.array(z.string()),
        }),
      ),
    }),
  },
  'catalogue.search': {
    params: z.object({ query: z.string().max(200) }).strict(),
    result: z.array(z.object({ serviceId: z.string(), score: z.number() })),
  },
  'catalogue.forms': {
    params: Empty,
    result: z.array(
      z.object({
        id: z.string(),
        version: z.string(),
        title: z.object({ vi: z.string(), en: z.string() }),
        effectiveFrom: z.string(),
        fidelity: z.string(),
      }),
    ),
  },
  'places.provinces': { params: Empty, result: z.array(PlaceOption) },
  'places.communes': {
    params: z.object({ provinceCode: z.string().regex(/^\d{2}$/) }).strict(),
    result: z.array(PlaceOption),
  },
  'places.remap': { params: z.object({ text: z.string().max(500) }).strict(), result: RemapAnswer },
  // Technician diagnostics: the CSCA trust material in use (authorities' certificates only).
  'trust.list': { params: Empty, result: z.array(z.lazy(() => TrustEntry)) },
  /** The kiosk's own commune (config `kioskCommuneCode`), offered first in address fields; null when unset. */
  'places.home': {
    params: Empty,
    result: z.object({ provinceCode: z.string(), communeCode: z.string(), label: z.string() }).nullable(),
  },
} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;

export type MethodName = keyof typeof methods;
export type Params<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type Result<M extends MethodName> = z.output<(typeof methods)[M]['result']>;

// ---------------------------------------------------------------------------------------------
// Events: host → renderer

export const events = {
  'status.changed': DeviceStatus,
  'session.ended': z.object({ reason: SessionEndReason }),
  'card.presence': z.object({ present: z.boolean() }),
  'identify.progress': z.object({
    file: z.string(),
    bytes: z.number(),
    total: z.number(),
    percent: z.number(),
  }),
  'identify.identity': z.object({
    identity: Identity,
    verification: ChipVerification,
    photoPending: z.boolean(),
  }),
  'identify.photo': z.object({ dataUrl: z.string().nullable() }),
  'identify.verified': z.object({
    verification: ChipVerification,
    decision: z.enum(['accept', 'refuse-forged', 'refuse-unverifiable']),
  }),
  'identify.failed': z.object({ code: z.string() }),
  'identify.qr': z.object({ cardType: z.string() }),
  'identify.qrWaiting': z.object({}),
  'identify.other': z.object({
    role: OtherCardRole,
    identity: Identity,
    decision: z.enum(['accept', 'refuse-forged', 'refuse-unverifiable']),
  }),
  'dossier.delivered': z.object({ localRef: z.string(), dossierCode: z.string() }),
  'speech.status': SpeechStatus,
  'lookup.scanned': z.object({ text: z.string() }),
  'staff.exit': z.object({}),
} as const satisfies Record<string, z.ZodType>;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

// ---------------------------------------------------------------------------------------------
// Errors

/** Protocol-level error codes; domain errors (chip-*, qr-*, store-*, portal-*) pass through as their own codes. */
export const ProtocolErrorCode = z.enum([
  'bad-message',
  'unknown-method',
  'bad-params',
  'unauthorised',
  'protocol-version',
  'not-available',
  'internal',
]);
export type ProtocolErrorCode = z.infer<typeof ProtocolErrorCode>;

export const ApiErrorShape = z.object({ code: z.string().min(1), message: z.string() });
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

/** An error that crosses the API: a stable code the UI translates, and a developer message (never PII). */
export class KioskApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KioskApiError';
  }
  toJSON(): ApiErrorShape {
    return { code: this.code, message: this.message };
  }
}

// ---------------------------------------------------------------------------------------------
// The API as both sides see it

export interface KioskApi {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
}
