/**
 * `npm run -s staff:pin` — reads a PIN (4–12 digits) on standard input and prints the line to put in
 * <dataDir>/kiosk.json: {"staff":{"pinHash":"scrypt$…"}}. The PIN itself is never written anywhere.
 */
import { readFileSync } from 'node:fs';
import { hashPin } from '../host/staff/staff-pin';

const pin = readFileSync(0, 'utf8').trim();
if (!/^\d{4,12}$/.test(pin)) {
  console.log(
    JSON.stringify({ error: { code: 'staff-pin-invalid', message: 'The PIN must be 4 to 12 digits' } }),
  );
  process.exit(1);
}
console.log(JSON.stringify({ staff: { pinHash: hashPin(pin) } }));
