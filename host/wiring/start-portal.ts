/**
 * The portal the kiosk files with: the configured provincial system, or in demo mode (no URL) the mock portal
 * in its own process — never a mock, nor the mock's client secret, in production — and the outbox delivering
 * to it (host/outbox). A step of host/kiosk-services.ts.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type KioskConfig } from '../config/config';
import type { DeviceStatusBoard } from '../devices/device-status';
import { errorFields, logger } from '../log/logger';
import {
  type BackoffPolicy,
  type BreakerPolicy,
  DEFAULT_BREAKER,
  type Delivery,
  deliveryStoreFromConfig,
  startDelivery,
} from '../outbox';
import { resolveClientSecret } from '../portal/credentials';
import { MOCK_CREDENTIALS } from '../portal/mock/server';
import { type StartedMockPortal, startMockPortal } from '../portal/mock/start';
import { mutualTlsFetch } from '../portal/tls-fetch';

const log = logger('kiosk-services');

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

/**
 * Demo mode's short retry waits (`dossier.retry`) as outbox options; null (the outbox's defaults) otherwise.
 * Production refuses the key when the configuration loads; this checks the mode again.
 */
export function outboxRetry(config: KioskConfig): { backoff: BackoffPolicy; breaker: BreakerPolicy } | null {
  const r = config.dossier.retry;
  if (!r || config.mode !== 'demo') return null;
  return {
    backoff: { baseMs: r.backoffBaseMs, capMs: r.backoffCapMs },
    breaker: { ...DEFAULT_BREAKER, openMs: r.breakerOpenMs },
  };
}

export function startDeliveryFor(
  config: KioskConfig,
  portal: PortalEndpoint,
  status: DeviceStatusBoard,
): Delivery | null {
  if (!portal.url || portal.clientSecret === null) return null;
  const retry = outboxRetry(config);
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
    ...(retry ? { outbox: retry } : {}),
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
