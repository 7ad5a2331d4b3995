/** Starts the host with its devices and the WebSocket transport; shared by host/main.ts, scripts/start.ts and tests. */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  assertRootOwned,
  BUNDLED_TRUST_DIR,
  loadTrustMaterial,
  mergeTrustStores,
  type TrustStore,
  trustStoreFromPem,
} from '../native/emrtd/trust-store';
import { PKI_DIR } from '../native/simulator';
import { startWsTransport } from './api/ws-transport';
import type { KioskConfig } from './config/config';
import { createHost, type CreatedHost } from './create-host';
import { DeviceStatusBoard } from './devices/device-status';
import { type Delivery, deliveryStoreFromConfig, startDelivery } from './outbox';
import { type StartedMockPortal, startMockPortal } from './portal/mock/start';
import { parseLookupInput } from './receipt';
import { PrinterService } from './printer';
import { SpeechService } from './speech';
import { type RunningDevices, startDevices } from './devices/start-devices';

function isLookupText(text: string): boolean {
  try {
    parseLookupInput(text);
    return true;
  } catch {
    return false;
  }
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  created: CreatedHost;
  devices: RunningDevices | null;
  delivery: Delivery | null;
  mockPortal: StartedMockPortal | null;
  stop(): Promise<void>;
}

/**
 * The CSCA trust store: the configured folder (default: the bundled Vietnamese CSCA) with its CRLs and the
 * algorithm policy, configured extras, and — only while the reader simulator runs — the test CSCA that
 * signs the simulated cards. Outside demo mode every trust file must be root-owned and not writable by
 * others (`chip-trust-insecure` stops start-up otherwise).
 */
export function buildTrustStore(config: KioskConfig, simulatorRunning: boolean): TrustStore {
  const t = config.trust;
  const requireRootOwned = t.requireRootOwned ?? !config.demoMode;
  const policy = {
    refuseWeakAfter: t.refuseWeakAlgorithmsAfter
      ? new Date(`${t.refuseWeakAlgorithmsAfter}T00:00:00Z`)
      : null,
    minRsaBits: t.minRsaBits,
  };
  const main = loadTrustMaterial({
    dir: t.cscaDir ?? BUNDLED_TRUST_DIR,
    crlDir: t.crlDir,
    requireRootOwned,
    policy,
  });
  const extra = t.extraCscaFiles.map((f) => {
    if (requireRootOwned) assertRootOwned(f);
    return readFileSync(f, 'utf8');
  });
  if (simulatorRunning) extra.push(readFileSync(path.join(PKI_DIR, 'csca.cert.pem'), 'utf8'));
  return mergeTrustStores(main, trustStoreFromPem(...extra));
}

export async function startKioskHost(config: KioskConfig): Promise<RunningHost> {
  const status = new DeviceStatusBoard();
  let onScan: (payload: string) => void = () => undefined;
  let onScanError: (code: string) => void = () => undefined;
  const devices = config.devices.enabled
    ? await startDevices(
        {
          simulator: config.devices.simulator,
          scannerPath: config.devices.scannerPath,
          vpcdPort: config.devices.vpcdPort,
          vpcdBasePort: config.devices.vpcdBasePort,
        },
        status,
        (p) => onScan(p),
        (c) => onScanError(c),
      )
    : null;
  const trust = buildTrustStore(config, Boolean(devices?.simulator));
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  let mockPortal: StartedMockPortal | null = null;
  let portalUrl = config.portal.url;
  if (!portalUrl && config.portal.mock) {
    mockPortal = await startMockPortal({ port: 0, dbPath: path.join(config.dataDir, 'mock-portal.db') });
    portalUrl = mockPortal.url;
  }
  const delivery = portalUrl
    ? startDelivery({
        // Keys apart from the database (systemd credentials or a key folder outside the data folder), backups.
        ...deliveryStoreFromConfig(config),
        portal: {
          baseUrl: portalUrl,
          username: config.portal.username,
          password: config.portal.password,
          agencyCode: config.portal.agencyCode,
          timeoutMs: config.portal.timeoutMs,
        },
      })
    : null;
  if (delivery) {
    status.update('portal', { mock: Boolean(mockPortal), queued: delivery.outbox.listQueue().length });
    // A first contact tells the status strip whether the portal answers; the outbox keeps it current.
    void delivery.portal
      .login()
      .then(() => status.update('portal', { state: 'up' }))
      .catch(() => status.update('portal', { state: 'down' }));
  }
  const speech = new SpeechService({ enabledByDefault: config.speech.enabled, rate: config.speech.rate });
  speech.on('error', () => undefined); // reported once as `speech-no-audio-device`; the kiosk goes on silently
  const printer = new PrinterService({ dataDir: config.dataDir, config: config.printer });
  printer.on('state', (s) => status.update('printer', { state: s }));
  printer.on('error', () => undefined);
  status.update('printer', { state: printer.state });
  printer.start();
  const created = createHost(config, {
    speech,
    printer,
    status,
    pcsc: devices?.pcsc ?? null,
    simulator: devices?.simulator ?? null,
    trustStore: () => trust,
    delivery,
  });
  // A receipt's QR (JSON) or a dossier code goes to the lookup screen; anything else is a card's QR.
  // What the receipt lookup parser accepts (a receipt's QR, a dossier code) goes to the lookup screen;
  // anything else is a card's QR.
  onScan = (p) => {
    if (isLookupText(p)) created.host.emit('lookup.scanned', { text: p.trim() });
    else created.services.identify.offerQr(p);
  };
  onScanError = (code) => created.host.emit('identify.failed', { code });
  const transport = await startWsTransport({
    host: created.host,
    rendererDir: config.rendererDir,
    port: config.http.port,
  });
  return {
    url: transport.url,
    port: transport.port,
    token: transport.token,
    created,
    devices,
    delivery,
    mockPortal,
    stop: async () => {
      await transport.close();
      await created.dispose();
      printer.stop();
      speech.stop();
      await delivery?.stop();
      await mockPortal?.stop();
      await devices?.stop();
    },
  };
}
