/**
 * The composition root: starts every service the kiosk needs — devices (PC/SC under the reader policy, the
 * serial QR scanner, the simulator in demo mode), the store and outbox, the portal adapter (the mock portal
 * in demo mode only), speech, the printer — and binds them to KioskApi handlers (create-host.ts). It knows
 * no transport: host/start-host.ts adds the WebSocket, electron/kiosk-app.ts the IPC. Each step is a small
 * function so it can be tested alone; `startKioskServices` takes substitutes for the slow ones.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { MOCK_CREDENTIALS } from './portal/mock/server';
import { resolveClientSecret } from './portal/credentials';
import { mutualTlsFetch } from './portal/tls-fetch';
import { parseDecisionNumber } from '../common/vehicle/decision';
import { ConfigError, type KioskConfig } from './config/config';
import { createHost, type CreatedHost } from './create-host';
import { buildTrustStore } from './trust/build-trust-store';
import { DeviceStatusBoard } from './devices/device-status';
import { type IsolatedPcscd, startIsolatedPcscd, systemPcscdHasRealReader } from './devices/isolated-pcscd';
import { readerNamesForUsbIds } from './devices/ccid-names';
import { readerPolicy } from './devices/reader-policy';
import { type RunningDevices, startDevices } from './devices/start-devices';
import { type Delivery, deliveryStoreFromConfig, startDelivery } from './outbox';
import { type StartedMockPortal, startMockPortal } from './portal/mock/start';
import { startAgencyEndpoints } from './agencies/endpoints';
import { startQueueCentreFor } from './queue/centre-config';
import { PrinterService } from './printer';
import { parseLookupInput } from './receipt';
import {
  type MetricsSources,
  resolveMetricsToken,
  type RunningMetricsServer,
  startMetricsServer,
} from './metrics';
import { SpeechService } from './speech';
import { recordingSpeech } from './speech/record-output';
import { errorFields, logger } from './log/logger';

const log = logger('kiosk-services');

export { buildTrustStore, TEST_CSCA_FILE } from './trust/build-trust-store';

export interface PortalEndpoint {
  url: string | null;
  /** The gateway client secret (env or a 0600 file; the mock's own only against the mock). */
  clientSecret: string | null;
  mock: StartedMockPortal | null;
}

/** Demo mode's mock portal keeps its data outside the kiosk's data folder (nothing mixes with real dossiers). */
export function mockPortalDataDir(config: KioskConfig): string {
  return config.portal.mockDataDir ?? `${path.resolve(config.dataDir)}-mock-portal`;
}

/**
 * The configured portal; in demo mode with no URL, the mock portal in its own process. Never a mock in
 * production, and never the mock's client secret there.
 */
export async function startPortalEndpoint(config: KioskConfig): Promise<PortalEndpoint> {
  const { url } = config.portal;
  if (url || config.mode !== 'demo' || !config.portal.mock) {
    if (!url) return { url, clientSecret: null, mock: null };
    const clientSecret = resolveClientSecret({
      clientSecretFile: config.portal.clientSecretFile,
      usingMock: false,
    });
    if (config.mode === 'production' && clientSecret === MOCK_CREDENTIALS.clientSecret)
      throw new ConfigError(
        "Refused in production mode: the portal client secret is the mock portal's sample secret",
      );
    return { url, clientSecret, mock: null };
  }
  const dir = mockPortalDataDir(config);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const mock = await startMockPortal({ port: 0, dbPath: path.join(dir, 'mock-portal.db') });
  return {
    url: mock.url,
    clientSecret: resolveClientSecret({ clientSecretFile: config.portal.clientSecretFile, usingMock: true }),
    mock,
  };
}

export function startDeliveryFor(
  config: KioskConfig,
  portal: PortalEndpoint,
  status: DeviceStatusBoard,
): Delivery | null {
  if (!portal.url || portal.clientSecret === null) return null;
  const delivery = startDelivery({
    // Keys apart from the database (systemd credentials or a key folder outside the data folder), backups.
    ...deliveryStoreFromConfig(config),
    portal: {
      baseUrl: portal.url,
      ...(config.portal.tokenUrl ? { tokenUrl: config.portal.tokenUrl } : {}),
      clientId: config.portal.clientId,
      clientSecret: portal.clientSecret,
      timeoutMs: config.portal.timeoutMs,
      ...(config.portal.tls ? { fetch: mutualTlsFetch(config.portal.tls) } : {}),
    },
  });
  status.update('portal', { mock: Boolean(portal.mock), queued: delivery.outbox.waitingCount() });
  // A first contact tells the status strip whether the portal answers; the outbox keeps it current.
  void delivery.portal
    .login()
    .then(() => status.update('portal', { state: 'up' }))
    .catch((e: unknown) => {
      log.warn(errorFields(e), 'portal login failed');
      status.update('portal', { state: 'down' });
    });
  return delivery;
}

export function startSpeech(config: KioskConfig): SpeechService {
  const { output } = config.speech;
  const speech = new SpeechService({
    enabledByDefault: config.speech.enabled,
    rate: config.speech.rate,
    // Demo mode and tests: what would be played is written down instead (production refuses this output).
    ...(output.kind === 'record' && config.mode === 'demo' ? recordingSpeech(output.file) : {}),
  });
  speech.on('error', () => undefined); // reported once as `speech-no-audio-device`; the kiosk goes on silently
  return speech;
}

export function startPrinter(config: KioskConfig, status: DeviceStatusBoard): PrinterService {
  const printer = new PrinterService({ dataDir: config.dataDir, config: config.printer });
  printer.on('state', (s) => status.update('printer', { state: s }));
  printer.on('error', () => undefined);
  status.update('printer', { state: printer.state });
  printer.start();
  return printer;
}

/** How devices are started: the real ones by default; tests may substitute. */
export type StartDevicesFn = (
  config: KioskConfig,
  status: DeviceStatusBoard,
  onScan: (payload: string) => void,
  onScanError: (code: string) => void,
) => Promise<RunningDevices | null>;

/**
 * Real devices under the configured mode. Production never runs the simulator and reads only allowed
 * readers. Demo mode runs the simulator behind an isolated pcscd whose vpcd is reachable from this machine
 * only (isolated-pcscd.ts) — unless a real reader is attached (`simulator: "auto"`) or the host was handed
 * a pcscd (PCSCLITE_CSOCK_NAME and devices.vpcdSocketDir: tests).
 */
export const startConfiguredDevices: StartDevicesFn = async (config, status, onScan, onScanError) => {
  if (!config.devices.enabled) return null;
  const demo = config.mode === 'demo';
  let simulator: boolean | 'auto' = demo ? config.devices.simulator : false;
  let vpcdSocketDir = config.devices.vpcdSocketDir;
  let vpcdPort = config.devices.vpcdPort;
  let vpcdBasePort = config.devices.vpcdBasePort;
  let isolated: IsolatedPcscd | null = null;
  if (simulator !== false && !process.env.PCSCLITE_CSOCK_NAME) {
    if (simulator === 'auto' && (await systemPcscdHasRealReader())) simulator = false;
    else {
      try {
        isolated = await startIsolatedPcscd();
        // Before the first PC/SC call of this process: pcsc-lite reads the socket name once.
        process.env.PCSCLITE_CSOCK_NAME = isolated.socketPath;
        vpcdSocketDir = isolated.dir;
        vpcdPort = vpcdBasePort = isolated.basePort;
        simulator = true;
      } catch (e) {
        log.warn(
          { err: e },
          'demo mode without the reader simulator: the simulator runs only behind a pcscd whose virtual reader is unreachable from the network',
        );
        simulator = false;
      }
    }
  } else if (simulator !== false && !vpcdSocketDir)
    log.warn(
      'the reader simulator uses the given pcscd over TCP: its vpcd port may be reachable from the network (tests only)',
    );
  const devices = await startDevices(
    {
      simulator,
      scannerPath: config.devices.scannerPath,
      vpcdPort,
      vpcdBasePort,
      vpcdSocketDir,
      readers: readerPolicy(
        config.mode,
        config.devices.allowedReaders,
        readerNamesForUsbIds(config.devices.allowedUsbIds),
      ),
      // The technician reads this in the host's log; reader names are not personal data.
      onReaderRefused: (_name, reason) => log.warn({ reason }, 'card reader refused'),
    },
    status,
    onScan,
    onScanError,
  ).catch(async (e: unknown) => {
    await isolated?.stop();
    throw e;
  });
  if (!isolated) return devices;
  const own = isolated;
  return {
    ...devices,
    stop: async () => {
      await devices.stop();
      await own.stop();
    },
  };
};

/**
 * The Prometheus `/metrics` endpoint when `metrics.enabled`: loopback unless a management address is
 * configured, bearer token required (a missing or short token stops the start with a sentence).
 */
export async function startMetricsFor(
  config: KioskConfig,
  status: DeviceStatusBoard,
  delivery: Delivery | null,
  startedAt: number,
  staffCalls?: MetricsSources['staffCalls'],
): Promise<RunningMetricsServer | null> {
  if (!config.metrics.enabled) return null;
  let token: string;
  try {
    token = resolveMetricsToken(config.metrics.tokenFile);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  return startMetricsServer({
    host: config.metrics.host,
    port: config.metrics.port,
    token,
    sources: { status: () => status.get(), db: delivery?.store.db ?? null, startedAt, staffCalls },
  });
}

export interface KioskServices {
  created: CreatedHost;
  devices: RunningDevices | null;
  delivery: Delivery | null;
  mockPortal: StartedMockPortal | null;
  /** The Prometheus endpoint (`metrics.enabled`), or null. */
  metrics?: RunningMetricsServer | null;
  /** Stops everything started here, in reverse order. Safe to call twice. */
  stop(): Promise<void>;
}

export interface KioskServicesOptions {
  startDevices?: StartDevicesFn;
  speech?: SpeechService | null;
}

function isLookupText(text: string): boolean {
  try {
    parseLookupInput(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a serial-scanner read goes, as the keyboard-wedge path does it on each screen: a receipt's QR or a dossier
 * code to the lookup screen, a penalty decision's QR (its number, or a link holding it) to the fines screen, and
 * anything else to identification (a card's QR).
 */
export function routeScan(text: string): 'lookup' | 'fines' | 'identify' {
  if (isLookupText(text)) return 'lookup';
  if (parseDecisionNumber(text).ok) return 'fines';
  return 'identify';
}

export async function startKioskServices(
  config: KioskConfig,
  opts: KioskServicesOptions = {},
): Promise<KioskServices> {
  const startedAt = Date.now();
  const status = new DeviceStatusBoard();
  const stops: (() => Promise<void> | void)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const s of stops.splice(0).reverse()) {
      try {
        await s();
      } catch (e) {
        log.warn(errorFields(e), 'a service did not stop cleanly');
        /* keep stopping the rest */
      }
    }
  };
  try {
    let onScan: (payload: string) => void = () => undefined;
    let onScanError: (code: string) => void = () => undefined;
    const devices = await (opts.startDevices ?? startConfiguredDevices)(
      config,
      status,
      (p) => onScan(p),
      (c) => onScanError(c),
    );
    if (devices) stops.push(() => devices.stop());
    const trust = buildTrustStore(config, Boolean(devices?.simulator));
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    const portal = await startPortalEndpoint(config);
    if (portal.mock) stops.push(() => portal.mock?.stop());
    const delivery = startDeliveryFor(config, portal, status);
    if (delivery) stops.push(() => delivery.stop());
    // Agency systems other than the portal (host/agencies); their mocks only in demo mode.
    const agencies = await startAgencyEndpoints(config);
    for (const a of agencies.values()) if (a.mock) stops.push(() => a.mock?.stop());
    const speech = opts.speech === undefined ? startSpeech(config) : opts.speech;
    if (speech) stops.push(() => speech.stop());
    const printer = startPrinter(config, status);
    stops.push(() => printer.stop());
    // The centre's queue system (or demo mode's mock queue centre in its own process), when there is one.
    const queueCentre = await startQueueCentreFor(config);
    if (queueCentre.mock) stops.push(() => queueCentre.mock?.stop());
    const created = createHost(config, {
      queueCentre: queueCentre.centre,
      speech,
      printer,
      status,
      pcsc: devices?.pcsc ?? null,
      simulator: devices?.simulator ?? null,
      trustStore: () => trust,
      delivery,
      readerExpected: Boolean(devices),
      agencies,
    });
    stops.push(() => created.dispose());
    // A receipt's QR or a dossier code goes to the lookup screen, a decision's QR to the fines screen (the
    // screens that are not open ignore the event, as with a wedge scan); anything else is a card's QR.
    onScan = (p) => {
      const to = routeScan(p);
      if (to === 'lookup') created.host.emit('lookup.scanned', { text: p.trim() });
      else if (to === 'fines') created.host.emit('fines.scanned', { text: p.trim() });
      else created.services.identify.offerQr(p);
    };
    onScanError = (code) => created.host.emit('identify.failed', { code });
    const metrics = await startMetricsFor(config, status, delivery, startedAt, () =>
      created.services.staffCalls.stats(),
    );
    if (metrics) stops.push(() => metrics.stop());
    return { created, devices, delivery, mockPortal: portal.mock, metrics, stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
