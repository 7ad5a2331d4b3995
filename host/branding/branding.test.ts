import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Hello } from '../../common/api/contract';
import { ConfigError, loadConfig } from '../config/config';
import { createHost } from '../create-host';
import { emblemType, loadBranding, MAX_EMBLEM_BYTES, MAX_PICTOGRAM_BYTES } from './branding';

const FIXTURE = fileURLToPath(new URL('../../fixtures/branding/', import.meta.url));
const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A configuration folder holding kiosk.json with this branding block and the given files. */
function configWith(branding: unknown, files: Record<string, Buffer | string> = {}): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-branding-'));
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(dir, name), data);
  writeFileSync(path.join(dir, 'kiosk.json'), JSON.stringify({ branding }));
  return { KIOSK_CONFIG: path.join(dir, 'kiosk.json') };
}

const load = (env: NodeJS.ProcessEnv) =>
  loadBranding(loadConfig({ dataDir: '/nonexistent-kiosk' }, env), env);

describe('branding from the configuration', () => {
  it('is null without a branding block: the kiosk keeps its usual look', () => {
    const config = loadConfig({ dataDir: '/nonexistent-kiosk' }, {});
    expect(config.branding).toBeNull();
    expect(loadBranding(config, {})).toBeNull();
  });

  it('reads the fixture agency: its name in both languages and its SVG emblem as a data: URL', () => {
    const env = { KIOSK_CONFIG: path.join(FIXTURE, 'kiosk.json') };
    const b = load(env)!;
    expect(b.agencyName).toEqual({ vi: 'UBND phường Mẫu', en: "People's Committee of Mẫu Ward" });
    const prefix = 'data:image/svg+xml;base64,';
    expect(b.emblem!.startsWith(prefix)).toBe(true);
    expect(Buffer.from(b.emblem!.slice(prefix.length), 'base64')).toEqual(
      readFileSync(path.join(FIXTURE, 'emblem.svg')),
    );
  });

  it('takes a PNG emblem by its signature, and a name alone', () => {
    const b = load(configWith({ emblemPath: 'logo.png' }, { 'logo.png': PNG_1x1 }))!;
    expect(b).toEqual({
      agencyName: null,
      emblem: `data:image/png;base64,${PNG_1x1.toString('base64')}`,
      pictograms: {},
    });
    expect(load(configWith({ agencyName: { vi: 'UBND xã Mẫu', en: 'Mẫu Commune' } }))).toEqual({
      agencyName: { vi: 'UBND xã Mẫu', en: 'Mẫu Commune' },
      emblem: null,
      pictograms: {},
    });
  });

  it('refuses a bad emblem with a sentence for the technician', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'kiosk-branding-outside-'));
    writeFileSync(path.join(outside, 'x.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const env = configWith({ emblemPath: 'link.svg' });
    symlinkSync(path.join(outside, 'x.svg'), path.join(path.dirname(env.KIOSK_CONFIG!), 'link.svg'));
    const cases: [NodeJS.ProcessEnv, RegExp][] = [
      [configWith({ emblemPath: 'missing.svg' }), /no such file/],
      [configWith({ emblemPath: `../${path.basename(outside)}/x.svg` }), /in the configuration's folder/],
      [env, /in the configuration's folder/],
      [configWith({ emblemPath: 'e.gif' }, { 'e.gif': 'GIF89a' }), /\.png or \.svg/],
      [configWith({ emblemPath: 'e.png' }, { 'e.png': '<svg/>' }), /not a PNG/],
      [configWith({ emblemPath: 'e.svg' }, { 'e.svg': PNG_1x1 }), /not an SVG/],
      [
        configWith({ emblemPath: 'e.svg' }, { 'e.svg': '<svg><script>alert(1)</script></svg>' }),
        /scripts or embedded HTML/,
      ],
      [configWith({ emblemPath: 'e.svg' }, { 'e.svg': '<svg onload="x()"></svg>' }), /scripts/],
      [
        configWith(
          { emblemPath: 'big.png' },
          { 'big.png': Buffer.concat([PNG_1x1, Buffer.alloc(MAX_EMBLEM_BYTES)]) },
        ),
        /at most 100 KB/,
      ],
    ];
    for (const [e, message] of cases) {
      expect(() => load(e)).toThrow(ConfigError);
      expect(() => load(e)).toThrow(message);
    }
  });

  it('reads the fixture pictogram and a map by service id and by category id', () => {
    const fixture = load({ KIOSK_CONFIG: path.join(FIXTURE, 'kiosk.json') })!;
    expect(Object.keys(fixture.pictograms)).toEqual(['residence']);
    expect(Buffer.from(fixture.pictograms.residence!.split(',')[1]!, 'base64')).toEqual(
      readFileSync(path.join(FIXTURE, 'pictogram-residence.svg')),
    );
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><circle cx="24" cy="24" r="20"/></svg>';
    const b = load(
      configWith(
        { pictograms: { 'id-card-renewal': 'card.png', travel: 'travel.svg' } },
        { 'card.png': PNG_1x1, 'travel.svg': svg },
      ),
    )!;
    expect(b).toEqual({
      agencyName: null,
      emblem: null,
      pictograms: {
        'id-card-renewal': `data:image/png;base64,${PNG_1x1.toString('base64')}`,
        travel: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
      },
    });
    expect(load(configWith({ pictograms: {} }))).toEqual({ agencyName: null, emblem: null, pictograms: {} });
  });

  it('refuses an unknown pictogram id and a bad pictogram image with a sentence for the technician', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';
    const cases: [NodeJS.ProcessEnv, RegExp][] = [
      [
        configWith({ pictograms: { 'no-such-service': 'p.svg' } }, { 'p.svg': svg }),
        /"no-such-service": no service or category/,
      ],
      [
        configWith({ pictograms: { Residence: 'p.svg' } }, { 'p.svg': svg }),
        /no service or category has this id/,
      ],
      [configWith({ pictograms: { residence: 'missing.svg' } }), /no such file/],
      [configWith({ pictograms: { residence: 'p.gif' } }, { 'p.gif': 'GIF89a' }), /\.png or \.svg/],
      [configWith({ pictograms: { residence: 'p.png' } }, { 'p.png': svg }), /not a PNG/],
      [configWith({ pictograms: { residence: 'p.svg' } }, { 'p.svg': 'hello' }), /not an SVG/],
      [
        configWith({ pictograms: { residence: 'p.svg' } }, { 'p.svg': '<svg><script>x()</script></svg>' }),
        /scripts/,
      ],
      [
        configWith(
          { pictograms: { 'id-card-renewal': 'big.png' } },
          { 'big.png': Buffer.concat([PNG_1x1, Buffer.alloc(MAX_PICTOGRAM_BYTES)]) },
        ),
        /branding\.pictograms "id-card-renewal" "big\.png": .*at most 50 KB/,
      ],
    ];
    for (const [e, message] of cases) {
      expect(() => load(e)).toThrow(ConfigError);
      expect(() => load(e)).toThrow(message);
    }
    // An image just under the limit is taken.
    const fits = Buffer.concat([PNG_1x1, Buffer.alloc(MAX_PICTOGRAM_BYTES - PNG_1x1.length)]);
    expect(
      load(configWith({ pictograms: { residence: 'p.png' } }, { 'p.png': fits }))!.pictograms.residence,
    ).toMatch(/^data:image\/png;base64,/);
    // The map's shape is checked with the rest of the configuration.
    expect(() => load(configWith({ pictograms: { residence: '' } }))).toThrow(ConfigError);
    expect(() => load(configWith({ pictograms: ['p.svg'] }))).toThrow(ConfigError);
  });

  it('refuses unknown keys and empty names in the block', () => {
    expect(() => load(configWith({ agencyName: { vi: 'UBND', en: '' } }))).toThrow(ConfigError);
    expect(() => load(configWith({ emblem: 'e.svg' }))).toThrow(ConfigError);
  });

  it('knows an SVG behind an XML declaration, a comment and a doctype', () => {
    const svg = '\uFEFF<?xml version="1.0"?>\n<!-- x -->\n<!DOCTYPE svg>\n<svg viewBox="0 0 1 1"></svg>';
    expect(emblemType('a.SVG', Buffer.from(svg))).toEqual({ type: 'image/svg+xml' });
  });

  it('kiosk.hello carries the branding (and null without one), valid for the contract', async () => {
    const env = { KIOSK_CONFIG: path.join(FIXTURE, 'kiosk.json') };
    const before = process.env.KIOSK_CONFIG;
    process.env.KIOSK_CONFIG = env.KIOSK_CONFIG;
    try {
      const { host } = createHost(loadConfig({ dataDir: '/nonexistent-kiosk' }, env));
      const res = await host.handleMessage({ v: 1, id: 1, method: 'kiosk.hello', params: {} });
      expect(res.ok).toBe(true);
      const hello = Hello.parse((res as { result: unknown }).result);
      expect(hello.branding?.agencyName?.vi).toBe('UBND phường Mẫu');
      expect(hello.branding?.emblem).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(Object.keys(hello.branding?.pictograms ?? {})).toEqual(['residence']);
    } finally {
      if (before === undefined) delete process.env.KIOSK_CONFIG;
      else process.env.KIOSK_CONFIG = before;
    }
    const plain = createHost(loadConfig({ dataDir: '/nonexistent-kiosk' }, {})).host;
    const res = await plain.handleMessage({ v: 1, id: 2, method: 'kiosk.hello', params: {} });
    expect((res as { result: Hello }).result.branding).toBeNull();
  });
});
