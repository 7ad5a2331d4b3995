/** Configuration of running the kiosk: the encrypted store (`store`), monitoring (`metrics`), the shell (`shell`). */
import { z } from 'zod';

export const StoreConfig = z.object({
  /** Folder of the key files (data.key, audit.key; 0700), outside the data folder; default `<dataDir>-keys`. */
  keyDir: z.string().nullable().default(null),
  /** The data-key file (0600); default `<keyDir>/data.key`. */
  keyFile: z.string().nullable().default(null),
  /** systemd credentials (LoadCredentialEncrypted=): the key wrapping the data-key file, the audit HMAC key. */
  credentials: z
    .object({
      dataKek: z.string().default('kiosk-data-kek'),
      auditKey: z.string().default('kiosk-audit-key'),
    })
    .prefault({}),
  /** Encrypted backups of the outbox database: folder (default `<dataDir>/backups`), period, retention. */
  backup: z
    .object({
      dir: z.string().nullable().default(null),
      everyHours: z.number().int().min(1).default(24),
      keepCount: z.number().int().min(1).default(7),
      keepDays: z.number().int().min(1).default(14),
    })
    .prefault({}),
});

/** Prometheus `/metrics` for the centre's monitoring (host/metrics): off unless enabled; bearer token required. */
export const MetricsConfig = z.object({
  enabled: z.boolean().default(false),
  /** Address to bind: loopback by default; a management-network address of the kiosk otherwise. */
  host: z.string().min(1).default('127.0.0.1'),
  /** 0: any free port (tests). */
  port: z.number().int().min(0).max(65535).default(9464),
  /** File (0600) holding the bearer token (or env KIOSK_METRICS_TOKEN); never the token in this file. */
  tokenFile: z.string().nullable().default(null),
});

/** The Electron shell (electron/). */
export const ShellConfig = z.object({
  /** Local time ("HH:MM", Asia/Ho_Chi_Minh) of the nightly restart of the Electron shell, when idle; null: never. */
  nightlyRestartAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .nullable()
    .default('03:30'),
});
