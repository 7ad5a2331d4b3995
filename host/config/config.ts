/**
 * Kiosk configuration, the one import for its users: the schema (`KioskConfig`, schema.ts, each block in its
 * area's file), the loader (load.ts) and what production refuses (production.ts).
 */
export { KioskConfig } from './schema';
export { ConfigError, loadConfig, unknownKeys } from './load';
export { productionProblems, SAMPLE_PORTAL_CLIENT_ID } from './production';
export { AgenciesConfig, ExamConfig } from './agencies';
export { DevicesConfig, TrustConfig } from './devices';
export { MetricsConfig, ShellConfig, StoreConfig } from './operations';
export { DossierConfig, PortalConfig } from './portal';
export { SpeechConfig } from './speech';
export { QueueConfig, StaffConfig } from './staff';
