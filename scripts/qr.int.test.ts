/** The QR CLI contract other checks depend on: one JSON line on stdout, exit 0 on success, 1 on a payload error. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

function qr(...args: string[]): { status: number | null; lines: string[] } {
  const r = spawnSync(TSX, ['scripts/qr.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, lines: r.stdout.split('\n').filter((l) => l.length > 0) };
}

describe('npm run -s qr -- parse', () => {
  it('prints the identity as one JSON line and exits 0', () => {
    const r = qr(
      'parse',
      "001099012345||Nguyễn Văn An|15052002|Nam|Xã Quảng Phú, Huyện Cư M'gar, Đắk Lắk|20042021",
    );
    expect(r.status).toBe(0);
    expect(r.lines).toHaveLength(1);
    expect(JSON.parse(r.lines[0] ?? '')).toMatchObject({
      idNumber: '001099012345',
      oldIdNumber: null,
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '2002-05-15',
      sex: 'male',
      issueDate: '2021-04-20',
      source: 'qr',
      cardType: 'cccd-2021',
    });
  });

  it('prints {"error":{code,message}} as one JSON line and exits 1', () => {
    const r = qr('parse', '001099012345||Nguyễn Văn An|29022001|Nam|Hà Nội|20042021');
    expect(r.status).toBe(1);
    expect(r.lines).toHaveLength(1);
    const out = JSON.parse(r.lines[0] ?? '') as { error: { code: string; message: string } };
    expect(out.error.code).toBe('qr-date');
    expect(typeof out.error.message).toBe('string');
  });

  it('expiry prints the candidates', () => {
    const r = qr('expiry', '1982-07-24', '2021-06-15');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.lines[0] ?? '') as { candidates: string[] }).candidates[0]).toBe('420724');
  });
});
