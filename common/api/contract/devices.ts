/** The kiosk itself: hello, device status, the reader simulator (demo), speech, trust material, diagnostics. */
import { z } from 'zod';
import { SpeechKeysWire } from '../../speech-keys';
import { Empty, Language, type MethodGroup } from './base';

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

/** A configured branding image: a PNG or SVG `data:` URL. */
const BrandingImage = z.string().regex(/^data:image\/(png|svg\+xml);base64,[A-Za-z0-9+/=]+$/);

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
  /** The configuration's agency name, emblem and pictograms (PNG or SVG `data:` URLs); absent or null: the usual look. */
  branding: z
    .object({
      agencyName: z.object({ vi: z.string(), en: z.string() }).nullable(),
      emblem: BrandingImage.nullable(),
      /** Service id or category id → an image shown instead of the built-in pictogram (absent: none). */
      pictograms: z.record(z.string(), BrandingImage).optional(),
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

export const SpeechStatus = z.object({
  enabled: z.boolean(),
  state: z.enum(['speaking', 'paused', 'idle']),
  volumeStep: z.number().int(),
  volumeStepCount: z.number().int(),
  /** An audio output exists (false: the toggle says "no speaker" and is disabled). */
  audio: z.boolean(),
  /** The tactile path's physical keys per action (config `speech.keys`, common/speech-keys.ts). */
  keys: SpeechKeysWire.optional(),
});
export type SpeechStatus = z.infer<typeof SpeechStatus>;

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

export const deviceMethods = {
  'kiosk.hello': { params: Empty, result: Hello },
  'status.get': { params: Empty, result: DeviceStatus },
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
  // Technician diagnostics: the CSCA trust material in use (authorities' certificates only).
  'trust.list': { params: Empty, result: z.array(z.lazy(() => TrustEntry)) },
} as const satisfies MethodGroup;
