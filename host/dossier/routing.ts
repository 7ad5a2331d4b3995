/**
 * Where and when a dossier goes: the receiving agency from the province's table (procedure + the commune of
 * the address the dossier concerns + the kiosk's commune), the kiosk's own appointment estimate from the
 * catalogue's time limit and the holiday calendar, the components and how each one reaches the agency.
 */
import { AddressAnswer } from '../../catalogue/answers';
import { remapOldAddress } from '../../catalogue/admin-units';
import type { Identity } from '../../common/identity';
import { computeAppointment, loadWorkingCalendar, type WorkingCalendar } from '../calendar';
import { loadAgencyTable, type AgencyTable } from '../portal/agencies/receiving-agency';

export interface DossierRouting {
  agencyTable: AgencyTable;
  kioskCommuneCode: string | null;
  placeOfFiling: string;
  calendar: WorkingCalendar;
}

export function dossierRoutingFrom(portal: {
  agencyTable: string | null;
  kioskCommuneCode: string | null;
  placeOfFiling: string;
  holidaysFile: string | null;
}): DossierRouting {
  return {
    agencyTable: loadAgencyTable(portal.agencyTable),
    kioskCommuneCode: portal.kioskCommuneCode,
    placeOfFiling: portal.placeOfFiling,
    calendar: loadWorkingCalendar(portal.holidaysFile),
  };
}

/** Commune codes of every address answer (the new address of a residence request, …), in form order. */
export function addressCommunes(answers: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 4 || typeof v !== 'object' || v === null) return;
    const a = AddressAnswer.safeParse(v);
    if (a.success) {
      found.push(a.data.communeCode);
      return;
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x, depth + 1);
  };
  walk(answers, 0);
  return found;
}

/** The commune of the citizen's residence on the card, remapped to the two-level units; null if unsure. */
export function residenceCommune(identity: Pick<Identity, 'placeOfResidence'>): string | null {
  if (!identity.placeOfResidence) return null;
  const r = remapOldAddress(identity.placeOfResidence);
  return r.status === 'unique' ? r.unit.code : null;
}

type ProcessingTime = { value: number; unit: 'hour' | 'working-day' | 'day' } | { unknown: true };

/** The kiosk's estimate of the appointment (the system's answer replaces it); null when the limit is unknown. */
export function estimateAppointment(
  processingTime: ProcessingTime | unknown,
  receivedAt: number,
  calendar: WorkingCalendar,
): number | null {
  const p = processingTime as Partial<{ value: number; unit: 'hour' | 'working-day' | 'day' }>;
  if (typeof p?.value !== 'number' || !p.unit) return null;
  return computeAppointment(receivedAt, { value: p.value, unit: p.unit }, calendar).at;
}
