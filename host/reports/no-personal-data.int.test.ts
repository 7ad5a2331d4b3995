/**
 * Every fictional citizen's journey through a real host ends up in the day's report — with its rating — and
 * none of their personal data reaches the aggregate table, the database file, the CSV or the PDF.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../catalogue';
import { buildReport, reportCsv, reportPdf, ReportStore } from './index';
import {
  fictionalCitizens,
  journeyRig,
  personalStrings,
  runCitizenJourneys,
  SERVICE,
} from './testing/test-journeys';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function scan(haystack: Buffer | string, needles: string[]): string[] {
  const buf = typeof haystack === 'string' ? Buffer.from(haystack.normalize('NFC')) : haystack;
  return needles.filter((n) => buf.includes(Buffer.from(n)));
}

describe('reports hold no personal data', () => {
  it('the aggregate schema has no free-text column: each text column is a checked code', () => {
    const db = new Database(':memory:');
    // The same CHECKs as migration 006, exercised on the real schema.
    const rig = journeyRig();
    cleanups.push(rig.cleanup);
    const ddl = (
      rig.delivery.store.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'report_counts'").get() as {
        sql: string;
      }
    ).sql;
    db.exec(ddl);
    const insert = db.prepare('INSERT INTO report_counts VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('2026-11-30', 'temporary-residence', 'online', 'error', 'portal-unavailable', 1);
    const refused: unknown[][] = [
      ['30/11/2026', 'x', 'online', 'started', '', 1],
      ['2026-11-30', 'Lê Thị Bưởi', 'online', 'started', '', 1],
      ['2026-11-30', 'x', 'online', 'started', '038158001234 Lê', 1],
      ['2026-11-30', 'x', 'online', 'note', '', 1],
      ['2026-11-30', 'x', 'kiosk', 'started', '', 1],
      ['2026-11-30', 'x', 'online', 'started', 'A'.repeat(65), 1],
      ['2026-11-30', 'x', 'online', 'started', '', -1],
    ];
    for (const row of refused) expect(() => insert.run(...row), JSON.stringify(row)).toThrow(/CHECK/);
    const cols = db.prepare('PRAGMA table_info(report_counts)').all() as { name: string; type: string }[];
    expect(cols.map((c) => [c.name, c.type])).toEqual([
      ['day', 'TEXT'],
      ['service_id', 'TEXT'],
      ['channel', 'TEXT'],
      ['metric', 'TEXT'],
      ['key', 'TEXT'],
      ['value', 'INTEGER'],
    ]);
    db.close();
  });

  it("every fictional citizen's journey and rating is in the day's report; no name or number anywhere", async () => {
    const rig = journeyRig();
    cleanups.push(rig.cleanup);
    const citizens = fictionalCitizens();
    expect(citizens.length).toBeGreaterThanOrEqual(10);
    const exp = await runCitizenJourneys(rig, citizens);
    const reports = new ReportStore(rig.delivery.store.db);
    const report = buildReport(reports, 'day', todayInVietnam());
    const s = report.services.find((x) => x.serviceId === SERVICE)!;
    expect(s).toMatchObject({
      started: exp.started,
      completed: exp.completed,
      abandoned: exp.started - exp.completed,
      abandonedAt: exp.abandonedAt,
      ratings: exp.ratings,
    });
    expect(report.services.map((x) => x.serviceId)).toEqual([SERVICE]);
    expect(Object.values(s.errors).reduce((a, b) => a + b, 0)).toBe(exp.errors);
    expect(s.reasons).toEqual({ 'hard-to-understand': Math.floor(citizens.length / 2) });

    const needles = citizens.flatMap(personalStrings);
    expect(needles.length).toBeGreaterThan(citizens.length * 5);
    // The aggregate table, row by row.
    const rows = JSON.stringify(reports.rows('0000-01-01', '9999-12-31'));
    expect(scan(rows, needles)).toEqual([]);
    // The whole database file and its WAL (drafts and dossiers are sealed; the aggregate holds codes).
    rig.delivery.store.db.pragma('wal_checkpoint(PASSIVE)');
    for (const f of [rig.dbPath, `${rig.dbPath}-wal`])
      if (existsSync(f)) expect(scan(readFileSync(f), needles), f).toEqual([]);
    // The CSV and the PDF's text.
    expect(scan(reportCsv(report), needles)).toEqual([]);
    const pdfFile = join(rig.dir, 'report.pdf');
    writeFileSync(pdfFile, await reportPdf(report, { kioskName: 'Ki-ốt dịch vụ công' }));
    const text = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, ' ')).toContain(`Hoàn thành ${exp.completed}`);
    expect(scan(text, needles)).toEqual([]);
  });
});
