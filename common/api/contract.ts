/**
 * KioskApi: the one typed contract between the renderer (UI) and the host (state and devices).
 *
 * It is implemented once by the host and carried by two transports: Electron IPC (preload +
 * ipcMain) in the kiosk, and a WebSocket on 127.0.0.1 in browser/dev/e2e mode. The renderer never
 * knows which. Every message is validated with these zod schemas at the host boundary.
 */
import { z } from 'zod';
import { Form, Service } from '../catalogue/schema';
import { CodedError } from '../errors';
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
  /** The configuration's agency name and emblem (a PNG or SVG `data:` URL); absent or null: the usual look. */
  branding: z
    .object({
      agencyName: z.object({ vi: z.string(), en: z.string() }).nullable(),
      emblem: z
        .string()
        .regex(/^data:image\/(png|svg\+xml);base64,[A-Za-z0-9+/=]+$/)
        .nullable(),
    })
    .nullable()
    .optional(),
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
  /** An audio output exists (false: the toggle says "no speaker" and is disabled). */
  audio: z.boolean(),
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
/**
 * Staff mode and the call button ("Gọi cán bộ"). A call carries the screen it was made from, from this closed
 * list, and nothing else about the citizen.
 */
export const StaffCallScreen = z.enum([
  'attract',
  'consent',
  'lookup',
  'queue',
  'identify',
  'mrz',
  'can',
  'reading',
  'confirm',
  'refused',
  'browse',
  'services',
  'service',
  'form',
  'resume',
  'attachments',
  'submitting',
  'submit-failed',
  'receipt',
  'rating',
  'preview',
  'agency',
  'exam-start',
  'exam-receipt',
  'agency-forms-receipt',
  'ended',
  'other',
]);
export type StaffCallScreen = z.infer<typeof StaffCallScreen>;
/**
 * How far a call went: `delivered` — the centre's alert receiver answered 2xx; `failed` — a receiver is
 * configured but did not take it; `no-channel` — no receiver configured (kept on this kiosk's staff console only).
 */
export const StaffCallDelivery = z.enum(['delivered', 'failed', 'no-channel']);
export type StaffCallDelivery = z.infer<typeof StaffCallDelivery>;
export const StaffCall = z.object({
  id: z.number().int(),
  screen: StaffCallScreen,
  at: z.number().int(),
  delivery: StaffCallDelivery,
});
export type StaffCall = z.infer<typeof StaffCall>;
/** One device on the staff console's Devices panel: a state, the alert it raised, and a few numbers. */
export const StaffDevice = z.object({
  id: z.enum(['reader', 'printer', 'portal', 'disk', 'csca']),
  state: z.enum(['ok', 'warn', 'fail', 'unknown']),
  /** The store alert this state raised (host/store/alerts.ts), or null. */
  alert: z.string().nullable(),
  /** Free disk space (GiB, one decimal), days until the first CSCA ends, dossiers waiting. */
  facts: z.object({
    freeGiB: z.number().optional(),
    daysLeft: z.number().int().optional(),
    queued: z.number().int().optional(),
  }),
});
export type StaffDevice = z.infer<typeof StaffDevice>;
/** The technician checks (host/doctor) as the Diagnostics panel shows them: verdicts, no personal data. */
export const StaffDiagnostics = z.object({
  startedAt: z.string(),
  ok: z.boolean(),
  checks: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['pass', 'warn', 'fail', 'skip']),
      /** The doctor's technical sentence (English, for the technician). */
      detail: z.string(),
    }),
  ),
});
export type StaffDiagnostics = z.infer<typeof StaffDiagnostics>;

// Staff outbox monitor and assisted session (host/staff): no personal data in any of these.
export const StaffOutboxSummary = z.object({
  queued: z.number().int().nonnegative(),
  sending: z.number().int().nonnegative(),
  deadLetter: z.number().int().nonnegative(),
  deliveredToday: z.number().int().nonnegative(),
  oldestQueuedSeconds: z.number().int().nonnegative().nullable(),
});
export type StaffOutboxSummary = z.infer<typeof StaffOutboxSummary>;
/** One dossier as the officer sees it: the kiosk's local reference, service, state, attempts, error code, times. */
export const StaffOutboxRow = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    procedureCode: z.string(),
    state: z.enum(['queued', 'sending', 'dead-letter', 'delivered']),
    attempts: z.number().int(),
    lastErrorCode: z.string().nullable(),
    createdAt: z.number(),
    nextAttemptAt: z.number().nullable(),
    deliveredAt: z.number().nullable(),
  })
  .strict();
export type StaffOutboxRow = z.infer<typeof StaffOutboxRow>;
/** The assisted session: `requested` (the citizen is asked), `assisted` (an officer helps), or `none`. */
export const AssistView = z.union([
  z.object({ state: z.literal('none'), actor: z.null(), since: z.null() }),
  z.object({
    state: z.enum(['requested', 'assisted']),
    actor: z.string().regex(/^staff:/),
    since: z.number(),
  }),
]);
export type AssistView = z.infer<typeof AssistView>;
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

// Agency services (host/agencies): 07 vehicle registration, 08 traffic fines. ------------------------------

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
      /** Who issued the number; `centreDown`: the centre's queue system did not answer, the kiosk issued it. */
      source: z.enum(['centre', 'kiosk']),
      centreDown: z.boolean(),
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
  // Staff mode (host/staff/staff-session.ts): every method below but `staff.state` and `staff.call` answers
  // `staff.locked` unless a right PIN opened staff mode.
  /** Is staff mode on (the console shown)? */
  'staff.state': { params: Empty, result: z.object({ active: z.boolean() }) },
  /** A tap in the staff console: staff activity (staff mode stays open 5 more minutes). Staff only. */
  'staff.touch': { params: Empty, result: z.object({ active: z.literal(true) }) },
  /** Closes staff mode: back to the citizen screens. */
  'staff.lock': { params: Empty, result: z.object({ locked: z.literal(true) }) },
  /** Leaves the kiosk shell (emits `staff.exit`; the Electron shell quits). Staff only. */
  'staff.exitShell': { params: Empty, result: z.object({ exiting: z.literal(true) }) },
  /** The call button: raises a `staff-call` alert with the screen only and sends it to the centre when configured. */
  'staff.call': {
    params: z.object({ screen: StaffCallScreen }).strict(),
    result: z.object({ id: z.number().int(), delivery: StaffCallDelivery }),
  },
  /** Open calls, oldest first. Staff only. */
  'staff.calls': { params: Empty, result: z.array(StaffCall) },
  /** An officer answers a call (audited). Staff only. */
  'staff.answerCall': {
    params: z.object({ id: z.number().int() }).strict(),
    result: z.object({ answered: z.boolean() }),
  },
  /** Clears an open alert (audited with the staff actor). Staff only. */
  'staff.clearAlert': {
    params: z.object({ code: z.string().min(1).max(64) }).strict(),
    result: z.object({ cleared: z.boolean() }),
  },
  /** Devices checked now (reader, printer paper, portal, disk, CSCA expiry); raises/clears their alerts. Staff only. */
  'staff.devices': { params: Empty, result: z.array(StaffDevice) },
  /** Runs the technician checks (`kiosk doctor`, without the card read and scan tests). Staff only. */
  'staff.diagnostics': { params: Empty, result: StaffDiagnostics },
  // Outbox monitor (staff only): counts, the list, retrying a dead letter, the dead letters for the counter.
  'staff.outbox.summary': { params: Empty, result: StaffOutboxSummary },
  'staff.outbox.list': {
    params: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
    result: z.array(StaffOutboxRow),
  },
  'staff.outbox.retry': {
    params: z.object({ id: z.string().min(1).max(64) }).strict(),
    result: z.object({ requeued: z.literal(true) }),
  },
  /** The dead letters as CSV (PII-free columns); `print`: also printed for the counter (`printed`: how). */
  'staff.outbox.export': {
    params: z.object({ print: z.boolean().optional() }).strict(),
    result: z.object({ csv: z.string(), rows: z.number().int(), printed: z.string().nullable() }),
  },
  // Assisted session: the officer asks (staff only), the citizen answers, the officer hands back.
  'staff.assist.request': { params: Empty, result: AssistView },
  'staff.assist.cancel': { params: Empty, result: AssistView },
  'assist.state': { params: Empty, result: AssistView },
  'assist.answer': { params: z.object({ granted: z.boolean() }).strict(), result: AssistView },
  'assist.handBack': { params: Empty, result: AssistView },
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
    params: z
      .object({
        text: z.string().max(4000),
        lang: Language,
        masked: z.boolean().optional(),
        /**
         * The same text as phrases, personal ones marked (names, ID numbers, dossier codes, typed values): the
         * host speaks them only through a headset, else a neutral phrase (host/speech/privacy-filter.ts).
         * When given, `text` is ignored.
         */
        parts: z
          .array(z.object({ text: z.string().max(2000), personal: z.boolean().optional() }).strict())
          .max(200)
          .optional(),
        /** Append after what is being said instead of interrupting (an in-page result, a focused control). */
        append: z.boolean().optional(),
      })
      .strict(),
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
  /** The receiving system refused the dossier for good (dead letter): it is not sent again; staff check it. */
  'dossier.failed': z.object({ localRef: z.string() }),
  'speech.status': SpeechStatus,
  'lookup.scanned': z.object({ text: z.string() }),
  /** A penalty decision's QR read by the serial scanner: the fines screen looks it up (ignored elsewhere). */
  'fines.scanned': z.object({ text: z.string() }),
  'staff.exit': z.object({}),
  /** Staff mode opened or closed (the renderer shows the staff console while active). */
  'staff.mode': z.object({ active: z.boolean() }),
  /** Staff alerts or calls changed: the console refreshes. */
  'staff.alertsChanged': z.object({}),
  'assist.changed': AssistView,
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
export class KioskApiError extends CodedError {
  override readonly name = 'KioskApiError';
  constructor(code: string, message: string) {
    super(code, message);
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
