/** Configuration of staff mode and the call button (`staff`) and of queue numbers (`queue`). */
import { z } from 'zod';

export const StaffConfig = z.object({
  /** scrypt hash of the staff PIN that leaves the kiosk shell (`npm run -s staff:pin`); null: no exit. */
  pinHash: z.string().nullable().default(null),
  /**
   * The centre's Alertmanager-compatible receiver for the call button (POST JSON, `/api/v2/alerts`): the full
   * URL, and a file (0600) holding an optional bearer token (or env KIOSK_STAFF_WEBHOOK_TOKEN). null: calls
   * stay on this kiosk's staff console and the citizen is sent to the counter.
   */
  alertWebhook: z
    .object({
      url: z
        .string()
        .url()
        .refine((u) => /^https?:\/\//.test(u), 'http or https'),
      tokenFile: z.string().nullable().default(null),
    })
    .nullable()
    .default(null),
});

/** Queue numbers (host/queue): the centre's shared queue system, else numbers prefixed per kiosk. */
export const QueueConfig = z.object({
  /** The centre's queue system; null: the kiosk issues its own numbers. */
  centre: z
    .object({
      url: z.string().url(),
      /** File (0600) holding the bearer token (or env KIOSK_QUEUE_TOKEN); never the token in this file. */
      tokenFile: z.string().nullable().default(null),
      /** How long a citizen waits for the centre before the kiosk's own number (3000). */
      timeoutMs: z.number().int().min(200).max(30_000).default(3000),
    })
    .nullable()
    .default(null),
  /** Prefix of this kiosk's own numbers (`K07` → `K07-A001`), unique in the centre; null: none. */
  kioskPrefix: z
    .string()
    .regex(/^[A-Z0-9]{1,6}$/)
    .nullable()
    .default(null),
  /** Demo mode with no centre: run the mock queue centre in its own process. */
  mockCentre: z.boolean().default(false),
});
