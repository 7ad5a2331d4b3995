import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KioskConfig } from '../config/config';
import { canonicalConfig, configChecksum } from './config-checksum';
import { parseAplayCards } from './system-checks';

describe('configuration checksum', () => {
  const base = KioskConfig.parse({ kioskName: 'Ki-ốt phường Ba Đình', staff: { pinHash: 'scrypt$aa$bb' } });

  it('is stable: the same settings in another key order give the same checksum', () => {
    const reordered = KioskConfig.parse(
      JSON.parse(JSON.stringify({ staff: { pinHash: 'scrypt$aa$bb' }, kioskName: 'Ki-ốt phường Ba Đình' })),
    );
    expect(configChecksum(reordered).sha256).toBe(configChecksum(base).sha256);
    const shuffled = Object.fromEntries(Object.entries(base).reverse());
    expect(configChecksum(shuffled).sha256).toBe(configChecksum(base).sha256);
    expect(configChecksum(base).sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('excludes secrets: the staff PIN hash changes nothing and never appears', () => {
    const other = { ...base, staff: { ...base.staff, pinHash: 'scrypt$cc$dd' } };
    expect(configChecksum(other).sha256).toBe(configChecksum(base).sha256);
    expect(canonicalConfig(base).json).not.toContain('scrypt$aa$bb');
    expect(configChecksum(base).excluded).toEqual(['staff.pinHash']);
    const nested = canonicalConfig({ portal: { clientSecret: 's3', clientSecretFile: '/etc/kiosk/secret' } });
    expect(nested.json).toBe('{"portal":{"clientSecretFile":"/etc/kiosk/secret"}}');
    expect(nested.excluded).toEqual(['portal.clientSecret']);
  });

  it('changes with any setting', () => {
    expect(configChecksum({ ...base, kioskName: 'Ki-ốt xã Tân Lập' }).sha256).not.toBe(
      configChecksum(base).sha256,
    );
    expect(configChecksum({ ...base, portal: { ...base.portal, clientSecretFile: '/x' } }).sha256).not.toBe(
      configChecksum(base).sha256,
    );
  });
});

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10000);

/** The same object with its keys inserted in reverse order at every level. */
function reversed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversed);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reversed(x)]),
    );
  return v;
}

describe('configuration checksum, fuzzed', () => {
  it(`fuzz (${FUZZ_RUNS} runs): key order never matters, secrets never appear, the JSON stays valid`, () => {
    const secret = fc.string({ minLength: 12, maxLength: 20 }).map((s) => `SECRET-${s}`);
    fc.assert(
      fc.property(fc.jsonValue(), secret, (value, hidden) => {
        const withSecret = { settings: value, staff: { pinHash: hidden }, portal: { clientSecret: hidden } };
        const a = canonicalConfig(withSecret);
        expect(canonicalConfig(reversed(withSecret)).json).toBe(a.json);
        expect(a.json).not.toContain(hidden);
        expect(JSON.parse(a.json)).toBeTypeOf('object');
        expect(configChecksum(withSecret).sha256).toMatch(/^[0-9a-f]{64}$/);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it(`fuzz (${FUZZ_RUNS} runs): any aplay output gives a list, never a throw`, () => {
    const line = fc.oneof(
      fc.string(),
      fc
        .tuple(fc.nat(9), fc.string(), fc.nat(9), fc.string())
        .map(([c, n, d, x]) => `card ${c}: ${n}, device ${d}: ${x}`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const out = parseAplayCards(lines.join('\n'));
        expect(Array.isArray(out)).toBe(true);
        for (const d of out) expect(d).toMatch(/^card \d+ device \d+: /);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe('aplay -l', () => {
  it('lists output devices, and none from an empty listing', () => {
    const text = [
      '**** List of PLAYBACK Hardware Devices ****',
      'card 0: PCH [HDA Intel PCH], device 0: ALC257 Analog [ALC257 Analog]',
      '  Subdevices: 1/1',
      '  Subdevice #0: subdevice #0',
      'card 1: Device [USB Audio Device], device 0: USB Audio [USB Audio]',
    ].join('\n');
    expect(parseAplayCards(text)).toEqual([
      'card 0 device 0: PCH [HDA Intel PCH]',
      'card 1 device 0: Device [USB Audio Device]',
    ]);
    expect(parseAplayCards('')).toEqual([]);
  });
});
