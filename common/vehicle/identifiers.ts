/**
 * Frame (số khung) and engine (số máy) numbers as typed from the vehicle's papers.
 *
 * The project's sources (procedure records 1.013067 / 1.012575) say these numbers are checked against rubbings
 * (bản chà) of the vehicle, but give no format: no length, alphabet or check digit is enforced beyond letters
 * and digits, 5 to 25 of them. A VIN check digit is not required for vehicles sold in Vietnam, so none is
 * computed. Spaces and dashes are dropped; letters are folded to upper case.
 */
export type VehicleIdError = 'vehicle-id-empty' | 'vehicle-id-bad-characters' | 'vehicle-id-length';

export function parseVehicleIdentifier(
  input: string,
): { ok: true; value: string } | { ok: false; error: VehicleIdError } {
  const compact = input.normalize('NFC').replace(/[\s-]/g, '').toUpperCase();
  if (compact.length === 0) return { ok: false, error: 'vehicle-id-empty' };
  if (!/^[0-9A-Z]+$/.test(compact)) return { ok: false, error: 'vehicle-id-bad-characters' };
  if (compact.length < 5 || compact.length > 25) return { ok: false, error: 'vehicle-id-length' };
  return { ok: true, value: compact };
}
