/**
 * Kiosk configuration: defaults, overridden by a JSON file (KIOSK_CONFIG or <dataDir>/kiosk.json) and
 * environment variables. Validated with zod; a bad file stops start-up with a clear message.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Language } from '../../common/api/contract';
import { PrinterConfig } from '../printer/printer-config';

export const KioskConfig = z.object({
  kioskName: z.string().default('Ki-ốt dịch vụ công'),
  dataDir: z.string().default('.kiosk-data'),
  defaultLanguage: Language.default('vi'),
  /** Where the kiosk stands (current commune code, 5 digits): offered first in every address field. */
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
  demoMode: z.boolean().default(false),
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
    })
    .default({ enabled: true, simulator: 'auto', scannerPath: 'auto', vpcdPort: 35963, vpcdBasePort: 35963 }),
  trust: z
    .object({
      /** Extra CSCA certificates (PEM files) besides the bundled Vietnamese CSCA. */
      extraCscaFiles: z.array(z.string()).default([]),
      /** Accept cards whose Document Signer chains to no known CSCA (a newer CSCA not yet installed). */
      acceptUnknownCsca: z.boolean().default(false),
    })
    .default({ extraCscaFiles: [], acceptUnknownCsca: false }),
  portal: z
    .object({
      /** The portal's synchronisation endpoint; null with `mock: true` runs the mock portal in its own process. */
      url: z.string().url().nullable().default(null),
      mock: z.boolean().default(true),
      username: z.string().default('kiosk-demo'),
      password: z.string().default('mat-khau-demo'),
      /** The receiving agency's code (QCVN 102:2016), the first part of every dossier code. */
      agencyCode: z.string().default('000.00.01.H22'),
      /** How long a citizen waits for the dossier code before getting a queued receipt. */
      waitForCodeMs: z.number().int().min(0).max(30_000).default(4000),
      timeoutMs: z.number().int().min(500).default(8000),
    })
    .default({
      url: null,
      mock: true,
      username: 'kiosk-demo',
      password: 'mat-khau-demo',
      agencyCode: '000.00.01.H22',
      waitForCodeMs: 4000,
      timeoutMs: 8000,
    }),
  /** Receipt printer: `{kind:"file"}` (browser/dev), ESC/POS thermal (serial, device, tcp) or a CUPS queue. */
  printer: PrinterConfig.default({ kind: 'file' }),
  speech: z
    .object({ enabled: z.boolean().default(true), rate: z.number().int().min(80).max(260).default(150) })
    .default({ enabled: true, rate: 150 }),
  staff: z
    .object({
      /** scrypt hash of the staff PIN that leaves the kiosk shell (`npm run -s staff:pin`); null: no exit. */
      pinHash: z.string().nullable().default(null),
    })
    .default({ pinHash: null }),
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
      /** The data-key file (0600), outside the database; default <dataDir>/keys/data.key. */
      keyFile: z.string().nullable().default(null),
    })
    .default({ keyFile: null }),
});
export type KioskConfig = z.infer<typeof KioskConfig>;

export class ConfigError extends Error {
  readonly code = 'config-invalid';
}

export function loadConfig(
  overrides: Partial<KioskConfig> = {},
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
  if (env.KIOSK_DEMO === '1') fromEnv.demoMode = true;
  const parsed = KioskConfig.safeParse({ ...(fromFile as object), ...fromEnv, ...overrides });
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
