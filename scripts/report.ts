/**
 * `npm run -s report -- [--day YYYY-MM-DD | --month YYYY-MM] [--csv FILE] [--pdf FILE] [--db FILE]` — the staff
 * report without personal data (host/reports), from the kiosk's database opened read-only: no key is needed,
 * because the aggregate table and the daily counters hold codes and numbers only. Prints the report as JSON
 * when neither --csv nor --pdf is given. Default: today (Vietnam time), `<dataDir>/kiosk.db`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { getService, todayInVietnam } from '../catalogue';
import { loadConfig } from '../host/config/config';
import { buildReport, reportCsv, reportPdf, ReportStore } from '../host/reports';

function fail(code: string, message: string): never {
  console.log(JSON.stringify({ error: { code, message } }));
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    day: { type: 'string' },
    month: { type: 'string' },
    csv: { type: 'string' },
    pdf: { type: 'string' },
    db: { type: 'string' },
  },
});
if (values.day && values.month) fail('report-args', 'Give --day or --month, not both');
const period = values.month ? 'month' : 'day';
const label = values.month ?? values.day ?? todayInVietnam();
const dbPath = values.db ?? path.join(loadConfig().dataDir, 'kiosk.db');

let db: Database.Database;
try {
  db = new Database(dbPath, { readonly: true, fileMustExist: true });
} catch (e) {
  fail('report-no-database', `Cannot open ${dbPath}: ${(e as Error).message}`);
}
let report;
try {
  report = buildReport(new ReportStore(db), period, label);
} catch (e) {
  fail('report-args', (e as Error).message);
}
const serviceName = (id: string): string | null => {
  try {
    return getService(id).name.vi;
  } catch {
    return null;
  }
};
if (values.csv) writeFileSync(values.csv, reportCsv(report));
if (values.pdf)
  writeFileSync(values.pdf, await reportPdf(report, { kioskName: loadConfig().kioskName, serviceName }));
if (!values.csv && !values.pdf) console.log(JSON.stringify(report));
else
  console.log(
    JSON.stringify({ written: [values.csv, values.pdf].filter(Boolean), services: report.services.length }),
  );
db.close();
