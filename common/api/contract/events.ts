/** Events: host → renderer. */
import { z } from 'zod';
import { ChipVerification, Identity } from '../../identity';
import { DeviceStatus, SpeechStatus } from './devices';
import { OtherCardRole, VerificationDecision } from './identify';
import { SessionEndReason } from './session';
import { AssistView } from './staff';

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
    decision: VerificationDecision,
  }),
  'identify.failed': z.object({ code: z.string() }),
  'identify.qr': z.object({ cardType: z.string() }),
  'identify.qrWaiting': z.object({}),
  'identify.other': z.object({
    role: OtherCardRole,
    identity: Identity,
    decision: VerificationDecision,
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
