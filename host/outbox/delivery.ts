import path from 'node:path';
import type { KioskConfig } from '../config/config';
import { HttpPortalAdapter, type HttpPortalOptions } from '../portal/http-adapter';
import type { PortalAdapter } from '../portal/types';
import { scheduleBackups, type BackupPolicy } from '../store/backup';
import { openKeys } from '../store/key-location';
import { FileKeyProvider, type KeyProvider } from '../store/keys';
import { openStoreWithRecovery } from '../store/recovery';
import type { KioskStore, RetentionPolicy } from '../store/store';
import { Outbox, type OutboxOptions } from './outbox';
import { errorFields, logger } from '../log/logger';

const log = logger('outbox');

export interface DeliveryConfig {
  /** SQLite file, e.g. `<dataDir>/kiosk.db`. */
  dbPath: string;
  /** Data-key file (0600, created on first start) outside the database, or a provider (`openKeys`). */
  keys: string | KeyProvider;
  /** Daily encrypted backups; none when absent. */
  backup?: BackupPolicy | null;
  /** The portal: HTTP options (real portal or mock) or any adapter. */
  portal: HttpPortalOptions | PortalAdapter;
  retention?: Partial<RetentionPolicy>;
  /** How often `purgeExpired` runs. Default hourly. */
  purgeEveryMs?: number;
  outbox?: Omit<OutboxOptions, 'store' | 'portal'>;
}

export interface Delivery {
  store: KioskStore;
  /** Where a damaged database was moved at start (a fresh one was started, with a staff alert), or null. */
  quarantinedTo: string | null;
  portal: PortalAdapter;
  outbox: Outbox;
  stop(): Promise<void>;
}

/**
 * The store part of `DeliveryConfig` from the kiosk configuration: the database in the data folder, the keys
 * apart from it (`openKeys`: systemd credentials or key files outside the data folder), daily backups.
 */
export function deliveryStoreFromConfig(
  config: KioskConfig,
  env: NodeJS.ProcessEnv = process.env,
): Pick<DeliveryConfig, 'dbPath' | 'keys' | 'backup'> {
  const s = config.store;
  const { keys } = openKeys(
    { dataDir: config.dataDir, keyDir: s.keyDir, keyFile: s.keyFile, credentials: s.credentials },
    env,
  );
  return {
    dbPath: path.join(config.dataDir, 'kiosk.db'),
    keys,
    backup: {
      dir: s.backup.dir ?? path.join(config.dataDir, 'backups'),
      everyMs: s.backup.everyHours * 3_600_000,
      keepCount: s.backup.keepCount,
      keepDays: s.backup.keepDays,
    },
  };
}

/**
 * Wiring for the host: opens the store (a corrupt database is quarantined and a fresh one started, with a
 * staff alert), builds the portal adapter and the outbox, starts sending (resuming whatever an earlier process
 * left queued), runs the retention job and the daily backup. `stop()` undoes all of it.
 */
export function startDelivery(cfg: DeliveryConfig): Delivery {
  const keys = typeof cfg.keys === 'string' ? new FileKeyProvider(cfg.keys) : cfg.keys;
  const { store, quarantinedTo } = openStoreWithRecovery({
    path: cfg.dbPath,
    keys,
    ...(cfg.retention ? { retention: cfg.retention } : {}),
  });
  const portal = 'submitDossier' in cfg.portal ? cfg.portal : new HttpPortalAdapter(cfg.portal);
  const outbox = new Outbox({ ...cfg.outbox, store, portal });
  const purge = () => {
    try {
      store.purgeExpired();
    } catch (e) {
      log.warn(errorFields(e), 'retention purge failed');
      /* typed store errors surface on the next write; retention retries next round */
    }
  };
  purge();
  const timer = setInterval(purge, cfg.purgeEveryMs ?? 3_600_000);
  timer.unref();
  const backups = cfg.backup ? scheduleBackups(store, keys, cfg.backup) : null;
  outbox.start();
  return {
    store,
    quarantinedTo,
    portal,
    outbox,
    async stop() {
      clearInterval(timer);
      await outbox.stop();
      await backups?.stop();
      store.close();
    },
  };
}
