export { runDoctor, type DoctorOptions } from './run-doctor';
export { formatReport } from './format';
export { CHECK_IDS, DoctorReport, type CheckResult, type CheckId } from './schema';
export { configChecksum, canonicalConfig } from './config-checksum';
