import type { ChipVerification } from '../../common/identity';

/**
 * `TaiKhoanDuocXacThucVoiVNeID` / identity-verified flag of a kiosk dossier.
 *
 * The index (Bộ chỉ số phục vụ người dân) counts dossiers whose submitter was authenticated electronically
 * through the national identity system. At a kiosk there is no VNeID login; what the kiosk has is the chip
 * of the Căn cước card. ASSUMPTION (to verify with the province): a chip whose data groups verify against
 * the Vietnamese CSCA (passive authentication, `valid`) AND whose chip proved it is genuine (active / chip
 * authentication, `valid`) is an electronic identification of level 2 equivalent to a VNeID login, so the
 * flag is 1. Anything less — not checked, unsupported, failed, unknown CSCA, QR only — is 0.
 */
export function identityVerifiedFlag(
  v:
    | (Pick<ChipVerification, 'passive' | 'active'> & Partial<Pick<ChipVerification, 'chipAuthentication'>>)
    | null
    | undefined,
): boolean {
  return v?.passive === 'valid' && (v.active === 'valid' || v.chipAuthentication === 'valid');
}
