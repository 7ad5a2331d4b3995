/** Identifying the citizen (and another person's card): QR, typed MRZ, CAN. Results arrive as events. */
import { z } from 'zod';
import { OtherCardRole } from '../../catalogue/schema';
import { Empty, type MethodGroup } from './base';

/** Whose card a form asks to be tapped besides the citizen's own: the catalogue's `otherCard.role`. */
export { OtherCardRole };

/** What the kiosk does with a chip verdict (host/identify `decide`). */
export const VerificationDecision = z.enum(['accept', 'refuse-forged', 'refuse-unverifiable']);
export type VerificationDecision = z.infer<typeof VerificationDecision>;

export const identifyMethods = {
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
} as const satisfies MethodGroup;
