import { describe, expect, it } from 'vitest';
import { hashPin, StaffPin } from './staff-pin';

describe('staff PIN', () => {
  const hash = hashPin('482915');

  it('stores only a salted hash', () => {
    expect(hash).toMatch(/^scrypt\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('482915');
    expect(hashPin('482915')).not.toBe(hash);
  });

  it('accepts the right PIN and refuses others', () => {
    const pin = new StaffPin(hash);
    expect(pin.verify('000000')).toEqual({ ok: false, lockedForSeconds: 0 });
    expect(pin.verify('48291')).toEqual({ ok: false, lockedForSeconds: 0 });
    expect(pin.verify('482915')).toEqual({ ok: true, lockedForSeconds: 0 });
  });

  it('locks for five minutes after five wrong PINs, even for the right one', () => {
    let now = 1_000_000;
    const pin = new StaffPin(hash, () => now);
    for (let i = 0; i < 4; i++) expect(pin.verify('111111').lockedForSeconds).toBe(0);
    expect(pin.verify('111111')).toEqual({ ok: false, lockedForSeconds: 300 });
    expect(pin.verify('482915')).toEqual({ ok: false, lockedForSeconds: 300 });
    now += 299_000;
    expect(pin.verify('482915').ok).toBe(false);
    now += 2_000;
    expect(pin.verify('482915').ok).toBe(true);
  });

  it('refuses everything when no PIN is configured', () => {
    const pin = new StaffPin(null);
    expect(pin.configured).toBe(false);
    expect(pin.verify('482915').ok).toBe(false);
  });
});
