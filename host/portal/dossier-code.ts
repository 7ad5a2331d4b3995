import { PortalError } from './errors';

/**
 * Dossier code (TT 01/2018/TT-VPCP art. 19): `<agency code per QCVN 102:2016>-YYMMDD-XXXX`,
 * e.g. `000.00.01.H22-261123-0001`, where XXXX is the agency's daily sequence (more digits past 9999).
 */
export const DOSSIER_CODE_RE = /^([0-9A-Z]{2,3}(?:\.[0-9A-Z]{2,3}){2,4})-(\d{2})(\d{2})(\d{2})-(\d{4,6})$/;

export interface DossierCode {
  agency: string;
  /** `YYMMDD`. */
  day: string;
  sequence: number;
}

export function parseDossierCode(text: string): DossierCode {
  const code = text.trim().toUpperCase();
  const m = DOSSIER_CODE_RE.exec(code);
  if (!m)
    throw new PortalError(
      'portal-invalid-dossier-code',
      'not a dossier code of the form <agency>-YYMMDD-XXXX',
    );
  const [, agency, yy, mm, dd, seq] = m as unknown as [string, string, string, string, string, string];
  const month = Number(mm);
  const day = Number(dd);
  if (month < 1 || month > 12 || day < 1 || day > 31)
    throw new PortalError('portal-invalid-dossier-code', 'dossier code has an impossible date');
  return { agency, day: `${yy}${mm}${dd}`, sequence: Number(seq) };
}

export function isDossierCode(text: string): boolean {
  try {
    parseDossierCode(text);
    return true;
  } catch {
    return false;
  }
}

export function formatDossierCode(agency: string, yymmdd: string, sequence: number): string {
  return `${agency}-${yymmdd}-${String(sequence).padStart(4, '0')}`;
}
