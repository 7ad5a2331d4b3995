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
} from './store';
export { FileKeyProvider, MemoryKeyProvider } from './keys';
export type { KeyProvider, DataKey } from './keys';
export { StoreError } from './errors';
export type { StoreErrorCode } from './errors';
export { maskIdNumber, vietnamDay } from './pii';
export { openDatabase } from './db';
export { LATEST_VERSION, MIGRATIONS, migrate, schemaVersion } from './migrations';
export type { AuditActor, AuditEntry, AuditVerdict } from './audit';
