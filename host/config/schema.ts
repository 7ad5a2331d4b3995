/**
 * The kiosk's configuration schema: the top-level keys, each block's schema in its area's file. A block the
 * file leaves out is parsed from `{}` (`prefault`), so its own field defaults are the only defaults.
 */
import { z } from 'zod';
import { Language } from '../../common/api/contract';
import { PrinterConfig } from '../printer/printer-config';
import { AgenciesConfig, ExamConfig } from './agencies';
import { DevicesConfig, TrustConfig } from './devices';
import { MetricsConfig, ShellConfig, StoreConfig } from './operations';
import { DossierConfig, PortalConfig } from './portal';
import { SpeechConfig } from './speech';
import { QueueConfig, StaffConfig } from './staff';

export const KioskConfig = z.object({
  kioskName: z.string().default('Ki-ốt dịch vụ công'),
  dataDir: z.string().default('.kiosk-data'),
  /**
   * Optional: the agency's name (both languages) and emblem on the attract screen and in the header. The emblem
   * is a PNG or SVG file (at most 100 KB) in the configuration file's folder (host/branding). `pictograms`: a
   * service id or category id → a PNG or SVG file (at most 50 KB, same folder) shown instead of the built-in
   * pictogram on its tiles; an id the catalogue does not know stops the start. Absent: the usual look.
   */
  branding: z
    .object({
      agencyName: z
        .object({ vi: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(120) })
        .strict()
        .optional(),
      emblemPath: z.string().min(1).optional(),
      pictograms: z.record(z.string().min(1), z.string().min(1)).optional(),
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
    .prefault({}),
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
    .prefault({}),
  devices: DevicesConfig.prefault({}),
  trust: TrustConfig.prefault({}),
  portal: PortalConfig.prefault({}),
  /** Agency systems other than the TTHC portal (host/agencies): vehicle registration, traffic fines, … */
  agencies: AgenciesConfig.prefault({}),
  exam: ExamConfig.prefault({}),
  dossier: DossierConfig.prefault({}),
  /** Receipt printer: `{kind:"file"}` (browser/dev), ESC/POS thermal (serial, device, tcp) or a CUPS queue. */
  printer: PrinterConfig.default({ kind: 'file' }),
  speech: SpeechConfig.prefault({}),
  staff: StaffConfig.prefault({}),
  shell: ShellConfig.prefault({}),
  store: StoreConfig.prefault({}),
  metrics: MetricsConfig.prefault({}),
  /** Queue numbers (host/queue): the centre's shared queue system, else numbers prefixed per kiosk. */
  queue: QueueConfig.prefault({}),
});
export type KioskConfig = z.infer<typeof KioskConfig>;
