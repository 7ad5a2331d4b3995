/**
 * kiosk doctor — a technician's check of one kiosk (readers, QR scanner, printer, audio, portal, disk, CSCA,
 * version, configuration checksum). Installed later as /usr/bin/kiosk-doctor.
 *   npm run -s doctor [-- --json] [--read] [--scan] [--wait SECONDS]
 * Exit status: 0 when nothing failed, 1 when a check failed, 2 on bad arguments.
 * Reads the same configuration as the host (KIOSK_CONFIG, KIOSK_DATA_DIR, <dataDir>/kiosk.json).
 */
import { parseArgs } from 'node:util';
import { formatReport, runDoctor } from '../host/doctor';

let values;
try {
  ({ values } = parseArgs({
    options: {
      json: { type: 'boolean' },
      read: { type: 'boolean' },
      scan: { type: 'boolean' },
      wait: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write('usage: kiosk-doctor [--json] [--read] [--scan] [--wait SECONDS]\n');
  process.exit(0);
}
const wait = values.wait === undefined ? 30 : Number(values.wait);
if (!Number.isFinite(wait) || wait <= 0) {
  process.stderr.write('--wait takes a number of seconds\n');
  process.exit(2);
}
if (!values.json && (values.read || values.scan))
  process.stderr.write(
    `${values.read ? 'Tap a card on the reader' : ''}${values.read && values.scan ? ', then ' : ''}${values.scan ? 'scan a QR code' : ''} (${wait} s)…\n`,
  );
const report = await runDoctor({
  read: values.read ?? false,
  scan: values.scan ?? false,
  waitMs: wait * 1000,
});
process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
process.exit(report.ok ? 0 : 1);
