/** Configuration of the card readers, the QR scanner and demo mode's reader simulator (`devices`). */
import { z } from 'zod';

export const DevicesConfig = z.object({
  enabled: z.boolean().default(true),
  /** `auto`: the reader simulator runs only when no real reader is attached (never in production). */
  simulator: z.union([z.boolean(), z.literal('auto')]).default('auto'),
  scannerPath: z.union([z.string(), z.null()]).default('auto'),
  vpcdPort: z.number().int().default(35963),
  vpcdBasePort: z.number().int().default(35963),
  /**
   * Readers the kiosk reads from, as regular expressions on the PC/SC reader name. Virtual readers
   * (vpcd's "Virtual PCD", …) are refused in production whatever this list says.
   */
  allowedReaders: z.array(z.string()).default(['.*']),
  /**
   * Readers allowed by USB id ("072f:223b"), named as the CCID driver names them. To allow ONLY these,
   * set `allowedReaders` to [].
   */
  allowedUsbIds: z.array(z.string().regex(/^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$/)).default([]),
  /**
   * Demo mode: the folder of an isolated pcscd's vpcd bridges (`vpcd-<slot>.sock`, host/devices/isolated-pcscd.ts),
   * when the host is given one (tests); null: demo mode starts its own.
   */
  vpcdSocketDir: z.string().nullable().default(null),
});

/** The chip's trust anchors: CSCA certificates, revocation lists, and what counts as weak (`trust`). */
export const TrustConfig = z.object({
  /**
   * Folder of CSCA and link certificates (.pem .crt .cer .der) and ICAO CMS master lists (.ml); null: the
   * bundled folder (native/emrtd/trust). Outside demo mode it must be owned by root, writable by no one else.
   */
  cscaDir: z.string().nullable().default(null),
  /** Folder of CSCA certificate revocation lists (.crl, DER or PEM); null: none. */
  crlDir: z.string().nullable().default(null),
  /** Extra CSCA certificates (PEM files) besides the folder (same ownership rule). */
  extraCscaFiles: z.array(z.string()).default([]),
  /** Accept cards whose Document Signer chains to no known CSCA (a newer CSCA not yet installed). */
  acceptUnknownCsca: z.boolean().default(false),
  /** Refuse trust files not owned by root or writable by others; null: on unless demo mode. */
  requireRootOwned: z.boolean().nullable().default(null),
  /** SHA-1 and short RSA are refused in documents signed from this date (YYYY-MM-DD); null: always. */
  refuseWeakAlgorithmsAfter: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .default('2021-01-01'),
  /** RSA keys shorter than this (bits) are weak. */
  minRsaBits: z.number().int().min(1024).max(16384).default(2048),
});
