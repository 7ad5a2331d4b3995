/**
 * Kiosk configuration: defaults, overridden by a JSON file (KIOSK_CONFIG or <dataDir>/kiosk.json) and
 * environment variables. Validated with zod; a bad file stops start-up with a clear message.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CodedError } from '../../common/errors';
import { Language } from '../../common/api/contract';
import { PrinterConfig } from '../printer/printer-config';
import { WindowDates } from '../agencies/exam/types';

export const KioskConfig = z.object({
  kioskName: z.string().default('Ki-ốt dịch vụ công'),
  dataDir: z.string().default('.kiosk-data'),
  /**
   * Optional: the agency's name (both languages) and emblem on the attract screen and in the header. The emblem
   * is a PNG or SVG file (at most 100 KB) in the configuration file's folder (host/branding). Absent: the usual look.
   */
  branding: z
    .object({
      agencyName: z
        .object({ vi: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(120) })
        .strict()
        .optional(),
      emblemPath: z.string().min(1).optional(),
    })
    .strict()
    .nullable()
    .default(null),
  defaultLanguage: Language.default('vi'),
  /**
   * Where the kiosk stands (current commune code, 5 digits): offered first in every address field, and the
   * fallback receiving agency's commune (host/portal/agencies); null: the agency table's demo value.
   */
  kioskCommuneCode: z
    .string()
    .regex(/^\d{5}$/)
    .nullable()
    .default(null),
  http: z
    .object({
      host: z.literal('127.0.0.1').default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(0),
    })
    .default({ host: '127.0.0.1', port: 0 }),
  rendererDir: z.string().default('dist/renderer'),
  /**
   * `production` (the default for any installed kiosk): real readers only, no simulator, no test PKI, no mock
   * portal. `demo`: the technician panel, the simulator, the test PKI and the mock portal, with a banner.
   */
  mode: z.enum(['production', 'demo']).default('production'),
  timeouts: z
    .object({
      idleSeconds: z.number().int().min(10).default(90),
      warningSeconds: z.number().int().min(20).default(30),
    })
    .default({ idleSeconds: 90, warningSeconds: 30 }),
  devices: z
    .object({
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
    })
    .default({
      enabled: true,
      simulator: 'auto',
      scannerPath: 'auto',
      vpcdPort: 35963,
      vpcdBasePort: 35963,
      allowedReaders: ['.*'],
      allowedUsbIds: [],
      vpcdSocketDir: null,
    }),
  trust: z
    .object({
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
    })
    .default({
      cscaDir: null,
      crlDir: null,
      extraCscaFiles: [],
      acceptUnknownCsca: false,
      requireRootOwned: null,
      refuseWeakAlgorithmsAfter: '2021-01-01',
      minRsaBits: 2048,
    }),
  portal: z
    .object({
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
    })
    .default({
      url: null,
      mock: true,
      mockDataDir: null,
      tokenUrl: null,
      clientId: 'kiosk-demo',
      clientSecretFile: null,
      tls: null,
      agencyTable: null,
      placeOfFiling: 'Ki-ốt dịch vụ công',
      feesFrom: 'catalogue',
      holidaysFile: null,
      waitForCodeMs: 4000,
      timeoutMs: 8000,
    }),
  /** Agency systems other than the TTHC portal (host/agencies): vehicle registration, traffic fines, … */
  agencies: z
    .object({
      /** Each agency's base URL by name (a name of host/agencies/mocks.ts); a service with none is unavailable. */
      urls: z.record(z.string(), z.string().url()).default({}),
      /** Demo mode only: start the mock of every agency with no URL, each in its own process. */
      mock: z.boolean().default(true),
      /** Demo mode only: the mocks' records folder (default `<dataDir>-mock-agencies`, outside the data dir). */
      mockDataDir: z.string().nullable().default(null),
      timeoutMs: z.number().int().min(500).default(8000),
    })
    .default({ urls: {}, mock: true, mockDataDir: null, timeoutMs: 8000 }),
  /**
   * Service 21 (exam registration): the registration window when a source gives it. null (the default): the
   * exam system's own dates, "unknown" when it gives none — never invented.
   */
  exam: z
    .object({
      window: WindowDates.nullable().default(null),
    })
    .default({ window: null }),
  dossier: z
    .object({
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
    })
    .default({ channel: 'online', baseSalaryVnd: null, healthInsuranceMonths: 12 }),
  /** Receipt printer: `{kind:"file"}` (browser/dev), ESC/POS thermal (serial, device, tcp) or a CUPS queue. */
  printer: PrinterConfig.default({ kind: 'file' }),
  speech: z
    .object({
      enabled: z.boolean().default(true),
      rate: z.number().int().min(80).max(260).default(150),
      /**
       * Is the output private? 'auto': only while the sound card reports a plugged headphone/headset jack;
       * 'headset': the only output is a handset/headset; 'loudspeaker': never. Personal data is spoken only
       * through a private output (host/speech/output.ts).
       */
      privateOutput: z.enum(['auto', 'headset', 'loudspeaker']).default('auto'),
    })
    .default({ enabled: true, rate: 150, privateOutput: 'auto' }),
  staff: z
    .object({
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
    })
    .default({ pinHash: null, alertWebhook: null }),
  shell: z
    .object({
      /** Local time ("HH:MM", Asia/Ho_Chi_Minh) of the nightly restart of the Electron shell, when idle; null: never. */
      nightlyRestartAt: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
        .nullable()
        .default('03:30'),
    })
    .default({ nightlyRestartAt: '03:30' }),
  store: z
    .object({
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
        .default({ dataKek: 'kiosk-data-kek', auditKey: 'kiosk-audit-key' }),
      /** Encrypted backups of the outbox database: folder (default `<dataDir>/backups`), period, retention. */
      backup: z
        .object({
          dir: z.string().nullable().default(null),
          everyHours: z.number().int().min(1).default(24),
          keepCount: z.number().int().min(1).default(7),
          keepDays: z.number().int().min(1).default(14),
        })
        .default({ dir: null, everyHours: 24, keepCount: 7, keepDays: 14 }),
    })
    .default({
      keyDir: null,
      keyFile: null,
      credentials: { dataKek: 'kiosk-data-kek', auditKey: 'kiosk-audit-key' },
      backup: { dir: null, everyHours: 24, keepCount: 7, keepDays: 14 },
    }),
  /** Prometheus `/metrics` for the centre's monitoring (host/metrics): off unless enabled; bearer token required. */
  metrics: z
    .object({
      enabled: z.boolean().default(false),
      /** Address to bind: loopback by default; a management-network address of the kiosk otherwise. */
      host: z.string().min(1).default('127.0.0.1'),
      /** 0: any free port (tests). */
      port: z.number().int().min(0).max(65535).default(9464),
      /** File (0600) holding the bearer token (or env KIOSK_METRICS_TOKEN); never the token in this file. */
      tokenFile: z.string().nullable().default(null),
    })
    .default({ enabled: false, host: '127.0.0.1', port: 9464, tokenFile: null }),
  /** Queue numbers (host/queue): the centre's shared queue system, else numbers prefixed per kiosk. */
  queue: z
    .object({
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
    })
    .default({ centre: null, kioskPrefix: null, mockCentre: false }),
});
export type KioskConfig = z.infer<typeof KioskConfig>;

export class ConfigError extends CodedError<'config-invalid'> {
  override readonly name = 'ConfigError';
  constructor(message: string) {
    super('config-invalid', message);
  }
}

export function loadConfig(
  /** Each given key replaces the file's (nested objects whole; their own defaults fill the rest). */
  overrides: Partial<z.input<typeof KioskConfig>> = {},
  env: NodeJS.ProcessEnv = process.env,
): KioskConfig {
  const file =
    env.KIOSK_CONFIG ?? path.join(overrides.dataDir ?? env.KIOSK_DATA_DIR ?? '.kiosk-data', 'kiosk.json');
  let fromFile: unknown = {};
  if (existsSync(file)) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`Cannot read configuration ${file}: ${(e as Error).message}`);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  if (env.KIOSK_DATA_DIR) fromEnv.dataDir = env.KIOSK_DATA_DIR;
  if (env.KIOSK_MODE === 'demo' || env.KIOSK_MODE === 'production') fromEnv.mode = env.KIOSK_MODE;
  else if (env.KIOSK_DEMO === '1') fromEnv.mode = 'demo';
  const merged = { ...withLegacyKeys(fromFile), ...fromEnv, ...overrides } as Record<string, unknown>;
  const parsed = KioskConfig.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  }
  // A misspelt key would otherwise be dropped without a word (zod strips what it does not know).
  const checked = Object.fromEntries(
    Object.entries(withLegacyKeys(fromFile)).filter(([k]) => !(k in fromEnv) && !(k in overrides)),
  );
  const unknown = unknownKeys(checked, parsed.data).map((p) => p.join('.'));
  if (unknown.length > 0)
    throw new ConfigError(
      `Unknown configuration key${unknown.length > 1 ? 's' : ''} in ${file}: ${unknown.join(', ')} — check the spelling (every key and its default: host/config/config.ts)`,
    );
  const problems = productionProblems(parsed.data);
  if (problems.length > 0) throw new ConfigError(`Refused in production mode:\n- ${problems.join('\n- ')}`);
  return parsed.data;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The keys of `input` (as paths) that the parsed configuration does not have: unknown to the schema. */
export function unknownKeys(input: unknown, parsed: unknown, at: string[] = []): string[][] {
  if (!isPlainObject(input) || !isPlainObject(parsed)) return [];
  return Object.keys(input).flatMap((k) =>
    k in parsed ? unknownKeys(input[k], parsed[k], [...at, k]) : [[...at, k]],
  );
}

/** `demoMode: true` of older configuration files means `mode: "demo"`. */
function withLegacyKeys(fromFile: unknown): Record<string, unknown> {
  const f = { ...(fromFile as Record<string, unknown>) };
  if ('demoMode' in f) {
    if (f.demoMode === true && f.mode === undefined) f.mode = 'demo';
    delete f.demoMode;
  }
  return f;
}

/** The sample gateway client of the mock portal and the README; never valid on a real portal. */
export const SAMPLE_PORTAL_CLIENT_ID = 'kiosk-demo';

function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * What production mode refuses in a configuration, each as a sentence for the technician (empty in demo
 * mode). The test PKI is refused where the certificates are loaded (host/kiosk-services.ts).
 */
export function productionProblems(c: KioskConfig): string[] {
  if (c.mode !== 'production') return [];
  const out: string[] = [];
  if (c.devices.simulator === true)
    out.push('devices.simulator is true: the reader simulator runs only in demo mode ("mode": "demo")');
  if (c.portal.url) {
    const u = new URL(c.portal.url);
    if (u.protocol === 'http:' && !isLoopbackHost(u.hostname))
      out.push(`portal.url ${u.origin} is plain http: use https (http only to a loopback proxy)`);
    if (c.portal.clientId === SAMPLE_PORTAL_CLIENT_ID)
      out.push("portal.clientId is the sample credentials' client: set the kiosk's own gateway client");
  }
  if (c.queue.centre) {
    const u = new URL(c.queue.centre.url);
    if (u.protocol === 'http:' && !isLoopbackHost(u.hostname))
      out.push(`queue.centre.url ${u.origin} is plain http: use https (http only to a loopback proxy)`);
  }
  for (const pattern of c.devices.allowedReaders) {
    try {
      new RegExp(pattern);
    } catch {
      out.push(`devices.allowedReaders: ${JSON.stringify(pattern)} is not a regular expression`);
    }
  }
  return out;
}
