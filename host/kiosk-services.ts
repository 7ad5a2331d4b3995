/**
 * The composition root: starts every service the kiosk needs — devices (PC/SC under the reader policy, the
 * serial QR scanner, the simulator in demo mode: wiring/start-devices.ts), the store and outbox and the portal
 * adapter (the mock portal in demo mode only: wiring/start-portal.ts), agency systems, the queue centre,
 * speech, the printer, metrics — and binds them to KioskApi handlers (create-host.ts). It knows no transport:
 * host/start-host.ts adds the WebSocket, electron/kiosk-app.ts the IPC. Each step is a small function so it
 * can be tested alone; `startKioskServices` takes substitutes for the slow ones.
 */
import { mkdirSync } from 'node:fs';
import { ConfigError, type KioskConfig } from './config/config';
import { createHost, type CreatedHost } from './create-host';
import { buildTrustStore } from './trust/build-trust-store';
import { DeviceStatusBoard } from './devices/device-status';
import type { RunningDevices } from './devices/start-devices';
import type { Delivery } from './outbox';
import type { StartedMockPortal } from './portal/mock/start';
import { startAgencyEndpoints } from './agencies/endpoints';
import { startQueueCentreFor } from './queue/centre-config';
import { PrinterService } from './printer';
import {
  type MetricsSources,
  resolveMetricsToken,
  type RunningMetricsServer,
  startMetricsServer,
} from './metrics';
import { SpeechService } from './speech';
import { recordingSpeech } from './speech/record-output';
import { errorFields, logger } from './log/logger';
import { routeScan } from './wiring/route-scan';
import { startConfiguredDevices, type StartDevicesFn } from './wiring/start-devices';
import { startDeliveryFor, startPortalEndpoint } from './wiring/start-portal';

const log = logger('kiosk-services');

export { buildTrustStore, TEST_CSCA_FILE } from './trust/build-trust-store';
export type { StartDevicesFn } from './wiring/start-devices';

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
