/** The packaging configuration keeps the Electron binary locked down (fuses) and on a supported major. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url);
const yml = readFileSync(new URL('electron-builder.yml', root), 'utf8');
/** The `electronFuses:` block of electron-builder.yml (flat `key: true|false` lines). */
function fuses(): Record<string, boolean> {
  const block = /^electronFuses:\n((?: {2}\w+: (?:true|false)\n)+)/m.exec(yml)?.[1] ?? '';
  return Object.fromEntries(
    [...block.matchAll(/^ {2}(\w+): (true|false)$/gm)].map((m) => [m[1]!, m[2] === 'true']),
  );
}
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  devDependencies: Record<string, string>;
};

describe('Electron packaging', () => {
  it('sets the fuses: no RunAsNode, NODE_OPTIONS or --inspect; ASAR only and integrity-checked; cookies encrypted', () => {
    expect(fuses()).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(yml).not.toMatch(/^asar: false/m);
  });

  it('pins a supported Electron major (45: the three latest majors are supported)', () => {
    expect(pkg.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(pkg.devDependencies.electron!.split('.')[0])).toBeGreaterThanOrEqual(45);
  });
});
