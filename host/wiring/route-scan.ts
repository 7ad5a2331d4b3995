/** Where a serial-scanner read goes (host/kiosk-services.ts), as the keyboard-wedge path does it on each screen. */
import { parseDecisionNumber } from '../../common/vehicle/decision';
import { parseLookupInput } from '../receipt';

function isLookupText(text: string): boolean {
  try {
    parseLookupInput(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a serial-scanner read goes, as the keyboard-wedge path does it on each screen: a receipt's QR or a dossier
 * code to the lookup screen, a penalty decision's QR (its number, or a link holding it) to the fines screen, and
 * anything else to identification (a card's QR).
 */
export function routeScan(text: string): 'lookup' | 'fines' | 'identify' {
  if (isLookupText(text)) return 'lookup';
  if (parseDecisionNumber(text).ok) return 'fines';
  return 'identify';
}
