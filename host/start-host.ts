/** Starts the host with the WebSocket transport; shared by host/main.ts, scripts/start.ts and the tests. */
import { startWsTransport } from './api/ws-transport';
import type { KioskConfig } from './config/config';
import { createHost, type CreatedHost, type SimulatorControl } from './create-host';

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  created: CreatedHost;
  stop(): Promise<void>;
}

export async function startKioskHost(
  config: KioskConfig,
  deps: { simulator?: SimulatorControl | null } = {},
): Promise<RunningHost> {
  const created = createHost(config, deps);
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
    stop: async () => {
      await transport.close();
      await created.dispose();
    },
  };
}
