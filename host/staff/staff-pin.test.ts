import { scryptSync } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileKeyProvider } from '../store/keys';
import { KioskStore } from '../store/store';
import { scratchDir } from '../store/testing/test-helpers';
import { hashPin, StaffPin } from './staff-pin';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('staff PIN', () => {
  const hash = hashPin('482915');

  it('stores only a salted hash of 6 to 12 digits', () => {
    expect(hash).toMatch(/^scrypt\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('482915');
    expect(hashPin('482915')).not.toBe(hash);
    expect(() => hashPin('4829')).toThrow(/6 to 12 digits/);
    expect(() => hashPin('48291a')).toThrow(RangeError);
    expect(() => hashPin('1234567890123')).toThrow(RangeError);
  });

  it('accepts the right PIN and refuses others, and never a 4-digit one', () => {
    const pin = new StaffPin(hash);
    expect(pin.verify('000000')).toEqual({ ok: false, lockedForSeconds: 0 });
    expect(pin.verify('48291')).toEqual({ ok: false, lockedForSeconds: 0 });
    expect(pin.verify('482915')).toEqual({ ok: true, lockedForSeconds: 0 });
    // A hash made from a 4-digit PIN by an older tool no longer opens anything.
    const old = new StaffPin(legacyFourDigitHash());
    expect(old.verify('4829').ok).toBe(false);
  });

  it('locks for five minutes after five wrong PINs, even for the right one', () => {
    let now = 1_000_000;
    const pin = new StaffPin(hash, { now: () => now });
    for (let i = 0; i < 4; i++) expect(pin.verify('111111').lockedForSeconds).toBe(0);
    expect(pin.verify('111111')).toEqual({ ok: false, lockedForSeconds: 300 });
    expect(pin.verify('482915')).toEqual({ ok: false, lockedForSeconds: 300 });
    now += 299_000;
    expect(pin.verify('482915').ok).toBe(false);
    now += 2_000;
    expect(pin.verify('482915').ok).toBe(true);
  });

  it('doubles each further lockout until a right PIN, capped', () => {
    let now = 0;
    const pin = new StaffPin(hash, { now: () => now, maxLockMs: 30 * 60_000 });
    const lockOnce = () => {
      let r = { ok: false, lockedForSeconds: 0 };
      for (let i = 0; i < 5; i++) r = pin.verify('111111');
      now += r.lockedForSeconds * 1000;
      return r.lockedForSeconds;
    };
    expect([lockOnce(), lockOnce(), lockOnce(), lockOnce()]).toEqual([300, 600, 1200, 1800]);
    expect(pin.verify('482915').ok).toBe(true);
    expect(lockOnce()).toBe(300);
  });

  it('refuses everything when no PIN is configured', () => {
    const pin = new StaffPin(null);
    expect(pin.configured).toBe(false);
    expect(pin.verify('482915').ok).toBe(false);
  });
});

describe('staff PIN lockout in the store', () => {
  function files() {
    const s = scratchDir('staff-pin-');
    cleanups.push(s.cleanup);
    const open = () => {
      const store = KioskStore.open({
        path: join(s.dir, 'kiosk.db'),
        keys: new FileKeyProvider(join(s.dir, 'keys', 'data.key')),
      });
      cleanups.unshift(() => store.close());
      return store;
    };
    return { open };
  }

  it('survives a restart (a new store instance on the same files) and keeps its backoff', () => {
    let now = 1_800_000_000_000;
    const hash = hashPin('482915');
    const f = files();
    const first = f.open();
    const pin = new StaffPin(hash, { store: first, now: () => now });
    for (let i = 0; i < 4; i++) pin.verify('111111');
    expect(pin.verify('111111')).toEqual({ ok: false, lockedForSeconds: 300 });
    first.close();

    // Restart: a new store and a new StaffPin on the same files. Still locked, the right PIN too.
    const second = f.open();
    const again = new StaffPin(hash, { store: second, now: () => now });
    expect(again.verify('482915')).toEqual({ ok: false, lockedForSeconds: 300 });
    now += 300_000;
    for (let i = 0; i < 4; i++) again.verify('222222');
    second.close();

    // Failures in progress survive a restart too, and the second lockout is twice as long.
    const third = f.open();
    const pin3 = new StaffPin(hash, { store: third, now: () => now });
    expect(pin3.verify('333333')).toEqual({ ok: false, lockedForSeconds: 600 });
    expect(third.listAlerts().map((a) => [a.code, a.count])).toEqual([['staff-pin-locked', 2]]);
  });

  it('audits every attempt without the PIN', () => {
    const hash = hashPin('482915');
    const store = files().open();
    const pin = new StaffPin(hash, { store });
    pin.verify('111111');
    pin.verify('12');
    pin.verify('482915');
    const entries = store.readAudit().filter((e) => e.action === 'staff.pin-attempt');
    expect(entries.map((e) => [e.actor, e.detail])).toEqual([
      ['staff:pin', { ok: false, locked: false, failures: 1, refused: 'wrong' }],
      ['staff:pin', { ok: false, locked: false, failures: 2, refused: 'malformed' }],
      ['staff:pin', { ok: true, locked: false, failures: 0 }],
    ]);
    const text = JSON.stringify(store.readAudit());
    for (const secret of ['111111', '482915']) expect(text).not.toContain(secret);
    expect(store.verifyAudit().ok).toBe(true);
  });
});

/** The scrypt hash of "4829" as the older tool made it (same parameters, fixed salt). */
function legacyFourDigitHash(): string {
  const salt = Buffer.alloc(16, 7);
  return `scrypt$${salt.toString('base64')}$${scryptSync('4829', salt, 32, { N: 16384 }).toString('base64')}`;
}
