/** Configuration of the provincial TTHC system (`portal`) and of how dossiers are filed there (`dossier`). */
import { z } from 'zod';

export const PortalConfig = z.object({
  /** The provincial TTHC system behind the gateway; null with `mock: true` runs the mock in its own process. */
  url: z.string().url().nullable().default(null),
  mock: z.boolean().default(true),
  /** Demo mode only: the mock portal's own data folder (default `<dataDir>-mock-portal`, outside the data dir). */
  mockDataDir: z.string().nullable().default(null),
  /** OAuth2 token endpoint; null: `<url>/token`. */
  tokenUrl: z.string().url().nullable().default(null),
  /** OAuth2 client id issued by the gateway. The secret is never in this file (see `clientSecretFile`). */
  clientId: z.string().default('kiosk-demo'),
  /** File (0600) holding the client secret, or env KIOSK_PORTAL_CLIENT_SECRET; null + mock: the demo secret. */
  clientSecretFile: z.string().nullable().default(null),
  /** Mutual TLS to the gateway (PEM files; the key 0600); null: server-authenticated TLS only. */
  tls: z
    .object({ certFile: z.string(), keyFile: z.string(), caFile: z.string().nullable().default(null) })
    .nullable()
    .default(null),
  /** The province's receiving-agency table (host/portal/agencies); null: the bundled DEMO table. */
  agencyTable: z.string().nullable().default(null),
  /** `NoiNopHoSo`: where dossiers are filed, e.g. "Kiosk DVC - Trung tâm PVHCC phường X". */
  placeOfFiling: z.string().default('Ki-ốt dịch vụ công'),
  /** Fees shown before filing: the catalogue's, or the system's as listed at start-up (reconciliation). */
  feesFrom: z.enum(['catalogue', 'portal']).default('catalogue'),
  /** The holiday calendar (host/calendar); null: the bundled file (years marked "verify"). */
  holidaysFile: z.string().nullable().default(null),
  /** How long a citizen waits for the dossier code before getting a submission confirmation. */
  waitForCodeMs: z.number().int().min(0).max(30_000).default(4000),
  timeoutMs: z.number().int().min(500).default(8000),
});

export const DossierConfig = z.object({
  /**
   * How the kiosk files (KenhThucHien; which fee rates apply). A dossier sent through the portal is normally
   * an online dossier (shared/domain/dossier-rules.md §1); a province may decide otherwise. Shown with the fee.
   */
  channel: z.enum(['online', 'in-person']).default('online'),
  /**
   * Base salary (mức lương cơ sở) for household health-insurance contributions (service 17). No source in
   * the project gives the amount in force: null = unknown, the kiosk then says staff will tell. Verify it.
   */
  baseSalaryVnd: z.number().int().positive().nullable().default(null),
  /** Months of household health insurance paid at once (households may choose 3, 6 or 12: verify). */
  healthInsuranceMonths: z.number().int().min(1).max(12).default(12),
  /**
   * Demo mode and tests only (production refuses it): the outbox's retry waits instead of its defaults
   * (host/outbox: full-jitter backoff from 2 s up to 10 min, circuit open 30 s after 3 failures), so a demo
   * or an end-to-end test sees a queued dossier delivered seconds after the portal is back. null: the defaults.
   */
  retry: z
    .object({
      backoffBaseMs: z.number().int().min(1),
      backoffCapMs: z.number().int().min(1),
      breakerOpenMs: z.number().int().min(1),
    })
    .refine((r) => r.backoffCapMs >= r.backoffBaseMs, {
      message: 'backoffCapMs must not be below backoffBaseMs',
      path: ['backoffCapMs'],
    })
    .nullable()
    .default(null),
});
