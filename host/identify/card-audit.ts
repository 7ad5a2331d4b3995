/**
 * What the audit log keeps about a card the kiosk refused (forged or unverifiable): the decision, the passive
 * and active authentication verdicts, the card type and the CSCA named by the chip's Document Signer
 * certificate (its issuer: country, organisation, common name). Never a name, a number, a date of birth or any
 * other data-group content — staff can see that forged cards are being tried and under which CSCA, nothing more.
 */
import * as pkijs from 'pkijs';
import type { VerificationDecision } from '../../common/api/contract';
import type { ChipVerification, Identity } from '../../common/identity';
import { parseSod } from '../../native/emrtd/lds/sod';

/** What the kiosk does with a chip verdict (one source: the contract's schema). */
export type { VerificationDecision };

/** Issuer attributes that name an authority, never a person: C, O, OU, CN. */
const NAMING = new Map([
  ['2.5.4.6', 'C'],
  ['2.5.4.10', 'O'],
  ['2.5.4.11', 'OU'],
  ['2.5.4.3', 'CN'],
]);

function dnOf(name: pkijs.RelativeDistinguishedNames): string | null {
  const parts: string[] = [];
  for (const tv of name.typesAndValues) {
    const label = NAMING.get(tv.type);
    const value = (tv.value as { valueBlock?: { value?: unknown } }).valueBlock?.value;
    if (label && typeof value === 'string') parts.push(`${label}=${value.slice(0, 64)}`);
  }
  return parts.length ? parts.join(', ') : null;
}

/** The CSCA a chip claims (its DS certificate's issuer), or null when the SOD is absent or unreadable. */
export function cscaOf(sod: Uint8Array | undefined): string | null {
  if (!sod) return null;
  try {
    const ds = parseSod(sod).certificates[0];
    return ds ? dnOf(ds.issuer) : null;
  } catch {
    return null;
  }
}

export interface CardRefusal {
  decision: Exclude<VerificationDecision, 'accept'>;
  passive: ChipVerification['passive'];
  active: ChipVerification['active'];
  cardType: Identity['cardType'] | null;
  csca: string | null;
}

export function cardRefusal(
  decision: Exclude<VerificationDecision, 'accept'>,
  verification: ChipVerification,
  identity: Identity | null,
  sod: Uint8Array | undefined,
): CardRefusal {
  return {
    decision,
    passive: verification.passive,
    active: verification.active,
    cardType: identity?.cardType ?? null,
    csca: cscaOf(sod),
  };
}
