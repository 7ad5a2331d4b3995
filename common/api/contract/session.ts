/** The citizen session: start, consent, end, the satisfaction rating, queue numbers. */
import { z } from 'zod';
import { Language, type MethodGroup } from './base';

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

export const sessionMethods = {
  'session.start': {
    params: z.object({ language: Language }).strict(),
    result: z.object({ sessionId: z.string() }),
  },
  'session.end': {
    params: z.object({ reason: SessionEndReason }).strict(),
    result: z.object({ ended: z.boolean() }),
  },
  'session.consent': {
    params: z.object({ granted: z.boolean() }).strict(),
    result: z.object({ accepted: z.boolean() }),
  },
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
} as const satisfies MethodGroup;
