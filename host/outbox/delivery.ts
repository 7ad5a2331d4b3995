import { HttpPortalAdapter, type HttpPortalOptions } from '../portal/http-adapter';
import type { PortalAdapter } from '../portal/types';
import { FileKeyProvider, type KeyProvider } from '../store/keys';
import { KioskStore, type RetentionPolicy } from '../store/store';
import { Outbox, type OutboxOptions } from './outbox';

export interface DeliveryConfig {
  /** SQLite file, e.g. `<dataDir>/kiosk.db`. */
  dbPath: string;
  /** Data-key file (0600, created on first start) outside the database, e.g. `<dataDir>/keys/data.key`; or a provider. */
  keys: string | KeyProvider;
  /** The portal: HTTP options (real portal or mock) or any adapter. */
  portal: HttpPortalOptions | PortalAdapter;
  retention?: Partial<RetentionPolicy>;
  /** How often `purgeExpired` runs. Default hourly. */
  purgeEveryMs?: number;
  outbox?: Omit<OutboxOptions, 'store' | 'portal'>;
}

export interface Delivery {
  store: KioskStore;
  portal: PortalAdapter;
  outbox: Outbox;
  stop(): Promise<void>;
}

/**
 * Wiring for the host: opens the store, builds the portal adapter and the outbox, starts sending (resuming
 * whatever an earlier process left queued) and runs the retention job. `stop()` undoes all of it.
 */
export function startDelivery(cfg: DeliveryConfig): Delivery {
  const keys = typeof cfg.keys === 'string' ? new FileKeyProvider(cfg.keys) : cfg.keys;
  const store = KioskStore.open({
    path: cfg.dbPath,
    keys,
    ...(cfg.retention ? { retention: cfg.retention } : {}),
  });
  const portal = 'submitDossier' in cfg.portal ? cfg.portal : new HttpPortalAdapter(cfg.portal);
  const outbox = new Outbox({ ...cfg.outbox, store, portal });
  const purge = () => {
    try {
      store.purgeExpired();
    } catch {
      /* typed store errors surface on the next write; retention retries next round */
    }
  };
  purge();
  const timer = setInterval(purge, cfg.purgeEveryMs ?? 3_600_000);
  timer.unref();
  outbox.start();
  return {
    store,
    portal,
    outbox,
    async stop() {
      clearInterval(timer);
      await outbox.stop();
      store.close();
    },
  };
}
