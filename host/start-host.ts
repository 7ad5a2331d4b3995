/** Starts the host with its devices and the WebSocket transport; shared by host/main.ts, scripts/start.ts and tests. */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BUNDLED_TRUST_DIR,
  loadTrustStore,
  type TrustStore,
  trustStoreFromPem,
} from '../native/emrtd/trust-store';
import { PKI_DIR } from '../native/simulator';
import { startWsTransport } from './api/ws-transport';
import type { KioskConfig } from './config/config';
import { createHost, type CreatedHost } from './create-host';
import { DeviceStatusBoard } from './devices/device-status';
import { type Delivery, startDelivery } from './outbox';
import { resolveClientSecret } from './portal/credentials';
import { mutualTlsFetch } from './portal/tls-fetch';
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
 * The CSCA trust store: the bundled Vietnamese CSCA, configured extras, and — only while the reader
 * simulator runs — the test CSCA that signs the simulated cards.
 */
export function buildTrustStore(config: KioskConfig, simulatorRunning: boolean): TrustStore {
  const bundled = loadTrustStore(BUNDLED_TRUST_DIR);
  const extra = config.trust.extraCscaFiles.map((f) => readFileSync(f, 'utf8'));
  if (simulatorRunning) extra.push(readFileSync(path.join(PKI_DIR, 'csca.cert.pem'), 'utf8'));
  return { certificates: [...bundled.certificates, ...trustStoreFromPem(...extra).certificates] };
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
        dbPath: path.join(config.dataDir, 'kiosk.db'),
        keys: config.store.keyFile ?? path.join(config.dataDir, 'keys', 'data.key'),
        portal: {
          baseUrl: portalUrl,
          ...(config.portal.tokenUrl ? { tokenUrl: config.portal.tokenUrl } : {}),
          clientId: config.portal.clientId,
          clientSecret: resolveClientSecret({
            clientSecretFile: config.portal.clientSecretFile,
            usingMock: Boolean(mockPortal),
          }),
          timeoutMs: config.portal.timeoutMs,
          ...(config.portal.tls ? { fetch: mutualTlsFetch(config.portal.tls) } : {}),
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
