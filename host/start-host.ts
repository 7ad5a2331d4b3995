/** The kiosk services (kiosk-services.ts) plus the WebSocket transport; used by host/main.ts, scripts/start.ts and tests. */
import { type RateLimits, startWsTransport, type WsTransport } from './api/ws-transport';
import type { KioskConfig } from './config/config';
import type { CreatedHost } from './create-host';
import type { RunningDevices } from './devices/start-devices';
import { type KioskServices, type KioskServicesOptions, startKioskServices } from './kiosk-services';
import type { Delivery } from './outbox';
import type { StartedMockPortal } from './portal/mock/start';

export { buildTrustStore } from './kiosk-services';

export interface RunningHost {
  port: number;
  /** Opens the UI: a one-time bootstrap code the page exchanges for an HttpOnly session cookie. */
  bootstrapUrl(): string;
  transport: WsTransport;
  created: CreatedHost;
  devices: RunningDevices | null;
  delivery: Delivery | null;
  mockPortal: StartedMockPortal | null;
  stop(): Promise<void>;
}

export async function startKioskHost(
  config: KioskConfig,
  opts: KioskServicesOptions & { limits?: Partial<RateLimits> } = {},
): Promise<RunningHost> {
  const services: KioskServices = await startKioskServices(config, opts);
  let transport: WsTransport;
  try {
    transport = await startWsTransport({
      host: services.created.host,
      rendererDir: config.rendererDir,
      port: config.http.port,
      ...(opts.limits ? { limits: opts.limits } : {}),
    });
  } catch (e) {
    await services.stop();
    throw e;
  }
  return {
    port: transport.port,
    bootstrapUrl: () => transport.bootstrapUrl(),
    transport,
    created: services.created,
    devices: services.devices,
    delivery: services.delivery,
    mockPortal: services.mockPortal,
    stop: async () => {
      await transport.close();
      await services.stop();
    },
  };
}
