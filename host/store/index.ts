export { KioskStore } from './store';
export type {
  StoreOptions,
  RetentionPolicy,
  Draft,
  EnqueueInput,
  OutboxRecord,
  OutboxState,
  ReceiptRecord,
  CounterRow,
  PinLockoutState,
} from './store';
export { FileKeyProvider, MemoryKeyProvider, loadOrCreateSecret } from './keys';
export type { KeyProvider, DataKey, AuditKey, FileKeyProviderOptions } from './keys';
export { openKeys, readCredential, defaultKeyDir } from './key-location';
export type { KeyLocationConfig, OpenedKeys } from './key-location';
export { openStoreWithRecovery, quarantineDatabase, quarantineName } from './recovery';
export type { OpenedStore } from './recovery';
export { writeBackup, restoreBackup, pruneBackups, listBackups, scheduleBackups } from './backup';
export type { BackupPolicy } from './backup';
export { ALERT_CODES } from './alerts';
export type { Alert, AlertCode, AlertSeverity } from './alerts';
export { StoreError } from './errors';
export type { StoreErrorCode } from './errors';
export { maskIdNumber, vietnamDay } from './pii';
export { openDatabase } from './db';
export { LATEST_VERSION, MIGRATIONS, migrate, schemaVersion } from './migrations';
export type { AuditActor, AuditEntry, AuditVerdict } from './audit';
