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
    const other = { ...base, staff: { pinHash: 'scrypt$cc$dd' } };
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
