/**
 * `kiosk doctor`: runs every check against the kiosk's configuration and the machine, and returns one report.
 * Never throws: a check that fails, throws or hangs becomes a `fail` with a reason. Reads no personal data.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { KioskConfig, loadConfig } from '../config/config';
import { type Verdict, runCheck } from './check';
import {
  cardCheck,
  cardReadCheck,
  listSerialPorts,
  pcscdCheck,
  printerCheck,
  qrScanCheck,
  readersCheck,
  qrScannerCheck,
  ReaderProbe,
} from './device-checks';
import {
  portalAuthCheck,
  portalClockCheck,
  portalProbe,
  portalReachableCheck,
  portalTlsCheck,
} from './portal-checks';
import { type CheckId, type CheckResult, CHECK_IDS, type DoctorReport } from './schema';
import { audioCheck, configCheck, diskCheck, packageVersion, versionCheck } from './system-checks';
import { cscaCheck } from './trust-check';
import type { PortSummary } from '../../native/qr/serial-scanner';

export interface DoctorOptions {
  env?: NodeJS.ProcessEnv;
  /** Test read: wait this long for a tapped card (`--read`). */
  read?: boolean;
  /** Test scan: wait for one QR scan (`--scan`). */
  scan?: boolean;
  /** How long `--read` and `--scan` wait for the technician. Default 30 s. */
  waitMs?: number;
  /** Per-check time limit (besides the waits). Default 15 s. */
  checkTimeoutMs?: number;
  /** The configuration to check (the running host's, for the staff console); default: loaded like the host. */
  config?: KioskConfig;
  /** Seams for tests. */
  aplay?: string;
  listPorts?: () => Promise<PortSummary[]>;
}

function configSource(env: NodeJS.ProcessEnv): string {
  const file = env.KIOSK_CONFIG ?? path.join(env.KIOSK_DATA_DIR ?? '.kiosk-data', 'kiosk.json');
  return existsSync(file) ? file : `defaults (no ${file})`;
}

export async function runDoctor(opts: DoctorOptions = {}): Promise<DoctorReport> {
  const env = opts.env ?? process.env;
  const startedAt = new Date().toISOString();
  const limit = opts.checkTimeoutMs ?? 15_000;
  const waitMs = opts.waitMs ?? 30_000;
  let config: KioskConfig;
  let loadError: string | null = null;
  try {
    config = opts.config ?? loadConfig({}, env);
  } catch (e) {
    loadError = (e as Error).message;
    config = KioskConfig.parse({});
  }
  const listPorts = opts.listPorts ?? listSerialPorts;
  const probe = new ReaderProbe(config, env);
  const portal = portalProbe(config);
  const checks: Record<CheckId, [() => Promise<Verdict> | Verdict, number]> = {
    version: [() => versionCheck(), limit],
    config: [
      () => configCheck(config, opts.config ? 'the running host' : configSource(env), loadError),
      limit,
    ],
    disk: [() => diskCheck(config.dataDir), limit],
    pcscd: [() => pcscdCheck(probe), limit],
    readers: [() => readersCheck(probe), limit],
    card: [() => cardCheck(probe), limit],
    'card-read': [
      () => (opts.read ? cardReadCheck(probe, waitMs) : { status: 'skip', detail: 'not asked (--read)' }),
      waitMs + limit,
    ],
    'qr-scanner': [() => qrScannerCheck(config, listPorts), limit],
    'qr-scan': [
      () =>
        opts.scan ? qrScanCheck(config, waitMs, listPorts) : { status: 'skip', detail: 'not asked (--scan)' },
      waitMs + limit,
    ],
    printer: [() => printerCheck(config), limit],
    audio: [() => audioCheck(opts.aplay), limit],
    'portal-reachable': [() => portalReachableCheck(config, portal), limit],
    'portal-auth': [() => portalAuthCheck(config, env), limit],
    'portal-clock': [() => portalClockCheck(config, portal), limit],
    'portal-tls': [() => portalTlsCheck(config), limit],
    csca: [() => cscaCheck(config), limit],
  };
  const results: CheckResult[] = [];
  try {
    // One after the other: the reader checks share one PC/SC context, and the output reads in order.
    for (const id of CHECK_IDS) {
      const [fn, ms] = checks[id];
      results.push(await runCheck(id, fn, ms));
    }
  } finally {
    probe.close();
  }
  const count = (s: CheckResult['status']) => results.filter((r) => r.status === s).length;
  const summary = { pass: count('pass'), warn: count('warn'), fail: count('fail'), skip: count('skip') };
  return {
    tool: 'kiosk-doctor',
    version: packageVersion(),
    mode: config.mode,
    startedAt,
    checks: results,
    summary,
    ok: summary.fail === 0,
  };
}
