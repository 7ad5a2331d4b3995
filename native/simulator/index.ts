/** Public API of the reader simulator (virtual CCCD cards behind pcscd/vpcd, virtual QR scanner). */
export { loadProfile, listProfiles, expectedExpiry, CitizenProfile, CITIZENS_DIR } from './profile';
export type { FaultName, FaultConfig } from './faults';
export { FAULT_NAMES, parseFaults } from './faults';
export type { BacKey } from './mrz';
export { mrzInformation } from './mrz';
export {
  createInProcessCard,
  IN_PROCESS_READER_NAME,
  type InProcessCard,
  type CardEngineOptions,
} from './in-process';
export {
  startVirtualCard,
  vpcdReaderName,
  type VirtualCard,
  type StartVirtualCardOptions,
} from './virtual-card';
export { startVirtualScanner, type VirtualScanner, type ScanOptions } from './virtual-scanner';
export { SimulatorError, type SimulatorErrorCode } from './errors';
export { LDS1_AID } from './card';
export { FID } from './card-files';
export { VPCD_DEFAULT_PORT } from './vpcd';
export { DEFAULT_LINK, parseLinkModel, airTimeMs, LinkTimer, type LinkModel } from './link-model';
export { PKI_DIR, loadCscaDer } from './pki';
