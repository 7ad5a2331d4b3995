/**
 * EF.CardAccess (file 011C, SFI 1C, in the master file, readable without access control): a DER SET OF
 * SecurityInfo (ICAO 9303-11 §9.2.1). It tells which PACE variants the chip offers (and may announce Chip
 * Authentication / Terminal Authentication). Absent on BAC-only chips.
 */
import { ChipError } from '../errors';
import { expectTlv } from '../tlv';
import { parseSecurityInfoSet, type SecurityInfo } from './security-infos';

export type PaceInfo = Extract<SecurityInfo, { kind: 'pace' }>;

export interface CardAccess {
  securityInfos: SecurityInfo[];
  /** PACEInfos in the chip's order. */
  pace: PaceInfo[];
}

export function parseCardAccess(bytes: Uint8Array): CardAccess {
  const set = expectTlv(bytes, 0x31, 'EF.CardAccess', true);
  const securityInfos = parseSecurityInfoSet(set.value);
  const pace = securityInfos.filter((i): i is PaceInfo => i.kind === 'pace');
  if (securityInfos.length === 0) throw new ChipError('chip-lds-malformed', 'EF.CardAccess is empty');
  return { securityInfos, pace };
}
