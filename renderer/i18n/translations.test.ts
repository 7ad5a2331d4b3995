/** Every user-facing string exists in vi and en, with the same keys and placeholders, and is NFC. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import vi from './locales/vi.json';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string): string[] =>
  [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

function checkPair(name: string, viTree: Tree, enTree: Tree): void {
  const a = flatten(viTree);
  const b = flatten(enTree);
  expect([...a.keys()].sort(), `${name}: same keys in vi and en`).toEqual([...b.keys()].sort());
  for (const [k, v] of a) {
    expect(v.normalize('NFC'), `${name} vi ${k} is NFC`).toBe(v);
    expect(v.trim().length, `${name} vi ${k} not empty`).toBeGreaterThan(0);
    expect(placeholders(v), `${name} ${k} placeholders`).toEqual(placeholders(b.get(k)!));
  }
  for (const [k, v] of b) expect(v.normalize('NFC'), `${name} en ${k} is NFC`).toBe(v);
}

describe('translations', () => {
  it('UI strings are complete in both languages', () => {
    checkPair('locales', vi as unknown as Tree, en as unknown as Tree);
  });

  it('every error file gives each code in both languages', () => {
    const dir = fileURLToPath(new URL('./errors', import.meta.url));
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const data = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { vi: Tree; en: Tree };
      checkPair(f, data.vi, data.en);
    }
  });

  it('every screen namespace gives each key in both languages (plural forms by their base key)', () => {
    const dir = fileURLToPath(new URL('./screens', import.meta.url));
    const base = (tree: Tree): Tree =>
      Object.fromEntries(
        [...flatten(tree)].map(([k, v]) => [k.replace(/_(zero|one|two|few|many|other)$/, ''), v]),
      );
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const data = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { vi: Tree; en: Tree };
      checkPair(f, base(data.vi), base(data.en));
      // Vietnamese has one plural form: every counted key is `_other`.
      for (const k of flatten(data.vi).keys()) expect(k, `${f} vi ${k}`).not.toMatch(/_(one|two|few|many)$/);
    }
  });
});
