// The boundary check (`npm run lint` → dependency-cruiser with .dependency-cruiser.cjs) fails on wrong imports:
// each case writes a tiny tree in a temp folder, runs the real CLI with the project's configuration on it and
// reads which rules it broke and its exit status.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repo, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const dirs: string[] = [];

/** A broken rule as the `err` reporter (the one `npm run lint` uses) prints it: `error <rule>: <from> → …`. */
interface Violation {
  rule: string;
  from: string;
}

/** Runs the boundary check on `files` (path → source) and returns its exit code and violations. */
async function check(files: Record<string, string>): Promise<{ code: number; violations: Violation[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-boundaries-'));
  dirs.push(dir);
  copyFileSync(path.join(repo, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
  writeFileSync(path.join(dir, 'tsconfig.json'), '{"compilerOptions": {"strict": true}}\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const roots = [...new Set(Object.keys(files).map((f) => f.split('/')[0]!))];
  const args = [cli, '--config', '.dependency-cruiser.cjs', '--output-type', 'err', ...roots];
  let code = 0;
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, args, { cwd: dir }));
  } catch (e) {
    const failed = e as { code: number; stdout: string };
    code = failed.code;
    stdout = failed.stdout;
  }
  const violations = [...stdout.matchAll(/^\s*error ([\w-]+): (\S+) →/gm)].map((m) => ({
    rule: m[1]!,
    from: m[2]!,
  }));
  return { code, violations };
}

const rules = (v: Violation[]): string[] => [...new Set(v.map((x) => x.rule))].sort();

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the boundary check', () => {
  it('accepts the allowed directions', async () => {
    const r = await check({
      'common/identity.ts': 'export const x = 1;\n',
      'catalogue/index.ts': "import { x } from '../common/identity';\nexport const y = x;\n",
      'native/pcsc.ts': "import { x } from '../common/identity';\nexport const z = x;\n",
      'host/main.ts':
        "import { readFileSync } from 'node:fs';\nimport { y } from '../catalogue/index';\n" +
        "import { z } from '../native/pcsc';\nexport const h = [readFileSync, y, z];\n",
      'renderer/App.tsx':
        "import { y } from '../catalogue/index';\nimport { x } from '../common/identity';\nexport const a = [x, y];\n",
      'electron/main.ts': "import { h } from '../host/main';\nexport const e = h;\n",
    });
    expect(r.violations).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('fails on the renderer importing the host, however deep the path', async () => {
    const r = await check({
      'host/session/session.ts': 'export const s = 1;\n',
      'renderer/screens/deep/Screen.tsx':
        "import { s } from '../../../host/session/session';\nexport const a = s;\n",
    });
    expect(rules(r.violations)).toEqual(['renderer-only-common-catalogue']);
    expect(r.code).not.toBe(0);
  });

  it('fails on production code importing a fake from its own testing/ folder; tests and scripts may', async () => {
    const r = await check({
      'host/outbox/testing/fake-portal.ts': 'export const f = 1;\n',
      'native/emrtd/testing/fake-chip.ts': 'export const w = 1;\n',
      'host/outbox/outbox.ts': "import { f } from './testing/fake-portal';\nexport const o = f;\n",
      'native/emrtd/read.ts': "import { w } from './testing/fake-chip';\nexport const n = w;\n",
      'host/outbox/outbox.test.ts': "import { f } from './testing/fake-portal';\nexport const t = f;\n",
      'scripts/bench/outbox.ts':
        "import { f } from '../../host/outbox/testing/fake-portal';\nexport const b = f;\n",
    });
    expect(r.violations.map((v) => v.from).sort()).toEqual(['host/outbox/outbox.ts', 'native/emrtd/read.ts']);
    expect(rules(r.violations)).toEqual(['production-not-to-testing']);
    expect(r.code).not.toBe(0);
  });

  it('fails on Node built-ins in the renderer, with or without node:', async () => {
    const r = await check({
      'renderer/a.ts': "import { readFileSync } from 'fs';\nexport const a = readFileSync;\n",
      'renderer/b.ts': "import path from 'node:path';\nexport const b = path;\n",
    });
    expect(r.violations.map((v) => v.from).sort()).toEqual(['renderer/a.ts', 'renderer/b.ts']);
    expect(rules(r.violations)).toEqual(['renderer-no-node']);
    expect(r.code).not.toBe(0);
  });

  it('fails on common importing anything of ours, and native importing the host', async () => {
    const r = await check({
      'catalogue/schema.ts': 'export const s = 1;\n',
      'common/api/contract.ts': "import { s } from '../../catalogue/schema';\nexport const c = s;\n",
      'host/config.ts': 'export const k = 1;\n',
      'native/reader.ts': "import { k } from '../host/config';\nexport const n = k;\n",
    });
    expect(rules(r.violations)).toEqual(['common-depends-on-nothing-of-ours', 'native-only-common']);
    expect(r.code).not.toBe(0);
  });

  it('fails on an import cycle, type-only imports included', async () => {
    const r = await check({
      'host/create-host.ts':
        "import { d } from './devices/start';\nexport interface Control { n: number }\nexport const h = d;\n",
      'host/devices/start.ts':
        "import type { Control } from '../create-host';\nexport const d: Control = { n: 1 };\n",
    });
    expect(rules(r.violations)).toEqual(['no-cycles']);
    expect(r.code).not.toBe(0);
  });

  it('lets tests reach across folders (fakes, helpers) but not into cycles', async () => {
    const r = await check({
      'host/store.ts': 'export const st = 1;\n',
      'renderer/App.test.tsx': "import { st } from '../host/store';\nexport const t = st;\n",
    });
    expect(r.violations).toEqual([]);
  });
});
