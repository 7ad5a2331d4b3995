/** Staff mode, the call button, alerts, devices, diagnostics, the outbox monitor, the assisted session. */
import { z } from 'zod';
import { Empty, type MethodGroup } from './base';

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

export const staffMethods = {
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
} as const satisfies MethodGroup;
