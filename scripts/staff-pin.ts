/**
 * `npm run -s staff:pin` — reads a PIN (6–12 digits) on standard input and prints the line to put in
 * <dataDir>/kiosk.json: {"staff":{"pinHash":"scrypt$…"}}. The PIN itself is never written anywhere.
 */
import { readFileSync } from 'node:fs';
import { hashPin, PIN_PATTERN } from '../host/staff/staff-pin';

const pin = readFileSync(0, 'utf8').trim();
if (!PIN_PATTERN.test(pin)) {
  console.log(
    JSON.stringify({ error: { code: 'staff-pin-invalid', message: 'The PIN must be 6 to 12 digits' } }),
  );
  process.exit(1);
}
console.log(JSON.stringify({ staff: { pinHash: hashPin(pin) } }));
