/** Starts the host with its devices and the WebSocket transport; shared by host/main.ts, scripts/start.ts and tests. */
import { readFileSync } from 'node:fs';
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
import { type RunningDevices, startDevices } from './devices/start-devices';

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  created: CreatedHost;
  devices: RunningDevices | null;
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
  const created = createHost(config, {
    status,
    pcsc: devices?.pcsc ?? null,
    simulator: devices?.simulator ?? null,
    trustStore: () => trust,
  });
  onScan = (p) => created.services.identify.offerQr(p);
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
    stop: async () => {
      await transport.close();
      await created.dispose();
      await devices?.stop();
    },
  };
}
