/** `npm run -s report`: CSV and PDF from the kiosk's database opened read-only, after real journeys. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../catalogue';
import { journeyRig, runCitizenJourneys, SERVICE } from '../host/reports/testing/test-journeys';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const ROOT = join(import.meta.dirname, '..');

describe('report CLI', () => {
  it("writes the day's CSV and PDF without the data key", async () => {
    const rig = journeyRig();
    cleanups.push(rig.cleanup);
    const exp = await runCitizenJourneys(rig);
    rig.delivery.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const csv = join(rig.dir, 'r.csv');
    const pdf = join(rig.dir, 'r.pdf');
    const out = execFileSync(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['scripts/report.ts', '--db', rig.dbPath, '--day', todayInVietnam(), '--csv', csv, '--pdf', pdf],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, KIOSK_DATA_DIR: rig.dir } },
    );
    expect(JSON.parse(out)).toEqual({ written: [csv, pdf], services: 1 });
    const row = readFileSync(csv, 'utf8').split('\r\n')[1]!.split(',');
    expect(row.slice(0, 6)).toEqual([
      todayInVietnam(),
      SERVICE,
      'online',
      String(exp.started),
      String(exp.completed),
      String(exp.started - exp.completed),
    ]);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(`Đăng ký tạm trú (${SERVICE}, trực tuyến)`);
    expect(text).toContain(`Hoàn thành ${exp.completed}`);
  });
});
