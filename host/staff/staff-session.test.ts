import { afterEach, describe, expect, it } from 'vitest';
import { KioskApiError } from '../../common/api/contract';
import { type StaffAudit, StaffSession } from './staff-session';
import { staffTestHost } from './testing/test-host';
import { flushMicrotasks } from '../../tests/support/wait';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function session(idleMs?: number) {
  let now = 1_000_000;
  const audit: Parameters<StaffAudit>[] = [];
  const changes: boolean[] = [];
  const s = new StaffSession({ audit: (...a) => void audit.push(a), now: () => now, idleMs });
  s.onChange((a) => changes.push(a));
  return { s, audit, changes, advance: (ms: number) => (now += ms) };
}

describe('StaffSession', () => {
  it('is locked until opened: require() throws staff.locked', () => {
    const { s } = session();
    expect(s.active).toBe(false);
    expect(s.actor).toBeNull();
    const err = (() => {
      try {
        s.require();
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(KioskApiError);
    expect((err as KioskApiError).code).toBe('staff.locked');
  });

  it('opens with an actor, answers it for the audit, and closes on lock', () => {
    const { s, audit, changes, advance } = session();
    s.open('staff:pin');
    expect(s.require()).toBe('staff:pin');
    advance(61_000);
    expect(s.close('lock')).toBe(true);
    expect(s.close('lock')).toBe(false);
    expect(() => s.require()).toThrow(KioskApiError);
    expect(changes).toEqual([true, false]);
    expect(audit).toEqual([
      ['staff:pin', 'staff.open', undefined, {}],
      ['staff:pin', 'staff.close', undefined, { reason: 'lock', seconds: 61 }],
    ]);
  });

  it('a second right PIN while open is activity, not a second opening', () => {
    const { s, audit } = session();
    s.open();
    s.open();
    expect(audit.filter((a) => a[1] === 'staff.open')).toHaveLength(1);
  });

  it('closes after five minutes without staff activity; activity keeps it open', () => {
    const { s, audit, changes, advance } = session();
    s.open();
    advance(4 * 60_000);
    s.require(); // activity
    advance(4 * 60_000);
    expect(s.active).toBe(true);
    // Reads the console makes on its own do not count as activity.
    s.require({ touch: false });
    advance(60_000);
    expect(s.active).toBe(false);
    expect(changes).toEqual([true, false]);
    expect(audit.at(-1)).toEqual(['staff:pin', 'staff.close', undefined, { reason: 'idle', seconds: 540 }]);
  });

  it('an unwritable audit does not keep staff mode open', () => {
    const s = new StaffSession({
      audit: () => {
        throw new Error('disk full');
      },
    });
    s.open();
    expect(s.active).toBe(true);
    expect(s.close('lock')).toBe(true);
    expect(s.active).toBe(false);
  });
});

describe('staff mode through KioskApi', () => {
  function host() {
    const { created, call, delivery } = staffTestHost(cleanups);
    const events: unknown[] = [];
    const exits: unknown[] = [];
    created.host.onEvent((name, e) => {
      if (name === 'staff.mode') events.push(e);
      if (name === 'staff.exit') exits.push(e);
    });
    return { call, events, exits, delivery };
  }

  it('a right PIN opens staff mode (no shell exit), staff.lock closes it, staff-only methods refuse when locked', async () => {
    const { call, events, exits, delivery } = host();
    for (const m of ['staff.alerts', 'staff.calls', 'staff.exitShell', 'staff.touch', 'staff.devices'])
      expect(await call(m), m).toMatchObject({ ok: false, error: { code: 'staff.locked' } });
    expect(await call('staff.clearAlert', { code: 'backup-failed' })).toMatchObject({
      ok: false,
      error: { code: 'staff.locked' },
    });
    expect(await call('staff.unlock', { pin: '111111' })).toMatchObject({ result: { ok: false } });
    expect(await call('staff.state')).toMatchObject({ result: { active: false } });
    expect(await call('staff.unlock', { pin: '482915' })).toMatchObject({ result: { ok: true } });
    expect(await call('staff.state')).toMatchObject({ result: { active: true } });
    expect(await call('staff.alerts')).toMatchObject({ ok: true, result: [] });
    expect(await call('staff.touch')).toMatchObject({ ok: true, result: { active: true } });
    expect(await call('staff.lock')).toMatchObject({ ok: true, result: { locked: true } });
    expect(await call('staff.alerts')).toMatchObject({ ok: false, error: { code: 'staff.locked' } });
    expect(events).toEqual([{ active: true }, { active: false }]);
    expect(exits).toEqual([]);
    const actions = delivery.store.readAudit().map((e) => [e.actor, e.action, e.detail.reason ?? null]);
    expect(actions.filter((a) => String(a[1]).startsWith('staff.') && a[1] !== 'staff.pin-attempt')).toEqual([
      ['staff:pin', 'staff.open', null],
      ['staff:pin', 'staff.close', 'lock'],
    ]);
  });

  it('a citizen session start closes staff mode; staff.exitShell emits staff.exit and closes it', async () => {
    const { call, events, exits } = host();
    await call('staff.unlock', { pin: '482915' });
    await call('session.start', { language: 'vi' });
    expect(await call('staff.state')).toMatchObject({ result: { active: false } });
    await call('session.end', { reason: 'cancel' });
    await call('staff.unlock', { pin: '482915' });
    expect(await call('staff.exitShell')).toMatchObject({ ok: true, result: { exiting: true } });
    await flushMicrotasks();
    expect(exits).toEqual([{}]);
    expect(events).toEqual([{ active: true }, { active: false }, { active: true }, { active: false }]);
  });
});
