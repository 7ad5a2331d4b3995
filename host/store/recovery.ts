/**
 * Start-up recovery: a database that fails its integrity check is not a reason for the kiosk to stay dark.
 * It is renamed aside with a timestamp (with its -wal and -shm files; still encrypted, kept for a technician),
 * a fresh database is started, and the `store-quarantined` staff alert is raised in it.
 */
import { existsSync, renameSync } from 'node:fs';
import { basename } from 'node:path';
import { StoreError } from './errors';
import { KioskStore, type StoreOptions } from './store';

export interface OpenedStore {
  store: KioskStore;
  /** Where the damaged database was moved, or null when it opened normally. */
  quarantinedTo: string | null;
}

/** `kiosk.db` → `kiosk.db.corrupt-20261130T195012Z` (UTC, sortable, no colons). */
export function quarantineName(path: string, at: number): string {
  const stamp = new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `${path}.corrupt-${stamp}`;
}

/** Moves the database and its WAL/SHM files aside; returns the new name of the main file. */
export function quarantineDatabase(path: string, at: number): string {
  let target = quarantineName(path, at);
  for (let n = 1; existsSync(target); n++) target = `${quarantineName(path, at)}-${n}`;
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  return target;
}

export function openStoreWithRecovery(opts: StoreOptions): OpenedStore {
  try {
    return { store: KioskStore.open(opts), quarantinedTo: null };
  } catch (err) {
    if (!(err instanceof StoreError) || err.code !== 'store-corrupt' || opts.path === ':memory:') throw err;
    const at = (opts.now ?? Date.now)();
    const quarantinedTo = quarantineDatabase(opts.path, at);
    const store = KioskStore.open(opts);
    store.raiseAlert('store-quarantined', 'critical');
    store.audit('system', 'store.quarantined', basename(quarantinedTo));
    return { store, quarantinedTo };
  }
}
