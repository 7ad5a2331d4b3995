import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = (...args: string[]) =>
  spawnSync(tsx, ['scripts/catalogue.ts', ...args], { cwd: root, encoding: 'utf8' });

describe('scripts/catalogue.ts', () => {
  it('validate exits 0 on the committed catalogue', () => {
    const r = cli('validate');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^valid: 29 services, \d+ forms/);
    expect(r.status).toBe(0);
  });

  it('list --json prints every service with codes, fees and flattened form fields', () => {
    const out = execFileSync(tsx, ['scripts/catalogue.ts', 'list', '--json'], {
      cwd: root,
      encoding: 'utf8',
    });
    const list = JSON.parse(out) as {
      number: number;
      id: string;
      name: { vi: string; en: string };
      procedureCodes: unknown;
      fees: unknown;
      forms: { id: string; version: string; fields: { id: string; prefill?: string }[] }[];
    }[];
    expect(list).toHaveLength(29);
    const four = list.find((s) => s.number === 4)!;
    expect(four).toMatchObject({ id: 'temporary-residence', name: { vi: 'Đăng ký tạm trú' } });
    expect(four.procedureCodes).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: '1.004194' })]),
    );
    const ct01 = four.forms[0]!;
    expect(ct01).toMatchObject({ id: 'ct01', version: 'tt53-2025' });
    expect(ct01.fields.find((f) => f.id === 'fullName')?.prefill).toBe('identity.fullName');
  });

  it('an unknown command exits 2', () => {
    expect(cli('frobnicate').status).toBe(2);
  });
});
