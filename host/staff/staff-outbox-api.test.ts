import { afterEach, describe, expect, it } from 'vitest';
import { staffTestHost, TEST_PIN } from './testing/test-host';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function host() {
  const h = staffTestHost(cleanups);
  const assistEvents: unknown[] = [];
  h.created.host.onEvent((name, e) => {
    if (name === 'assist.changed') assistEvents.push(e);
  });
  return { ...h, assistEvents };
}

const STAFF_ONLY = [
  ['staff.outbox.summary', {}],
  ['staff.outbox.list', {}],
  ['staff.outbox.retry', { id: 'KIOSK-261130-00000000' }],
  ['staff.outbox.export', {}],
  ['staff.assist.request', {}],
  ['staff.assist.cancel', {}],
] as const;

describe('staff outbox and assist through KioskApi', () => {
  it('every staff-only method answers staff.locked until a right PIN opens staff mode', async () => {
    const { call } = host();
    for (const [m, p] of STAFF_ONLY)
      expect(await call(m, p), m).toMatchObject({ ok: false, error: { code: 'staff.locked' } });
    await call('staff.unlock', { pin: TEST_PIN });
    expect(await call('staff.outbox.summary')).toMatchObject({
      ok: true,
      result: { queued: 0, sending: 0, deadLetter: 0, deliveredToday: 0, oldestQueuedSeconds: null },
    });
    expect(await call('staff.outbox.list')).toMatchObject({ ok: true, result: [] });
    expect(await call('staff.outbox.export')).toMatchObject({
      ok: true,
      result: { rows: 0, printed: null },
    });
    expect(await call('staff.outbox.retry', { id: 'KIOSK-261130-00000000' })).toMatchObject({
      ok: false,
      error: { code: 'outbox-not-dead-letter' },
    });
  });

  it('offer, consent, hand-back: the console closes for the citizen, events follow, the audit has the officer', async () => {
    const { call, created, delivery, assistEvents } = host();
    await call('session.start', { language: 'vi' });
    await call('staff.unlock', { pin: TEST_PIN });
    expect(await call('staff.assist.request')).toMatchObject({
      ok: false,
      error: { code: 'assist-not-identified' },
    });
    created.services.sessions.active!.personal.set('decision', 'accept');
    expect(await call('staff.assist.request')).toMatchObject({
      ok: true,
      result: { state: 'requested', actor: 'staff:pin' },
    });
    expect(await call('staff.state')).toMatchObject({ result: { active: false } });
    expect(await call('assist.state')).toMatchObject({ result: { state: 'requested' } });
    expect(await call('assist.answer', { granted: true })).toMatchObject({
      result: { state: 'assisted', actor: 'staff:pin' },
    });
    expect(await call('assist.handBack')).toMatchObject({ result: { state: 'none' } });
    expect(assistEvents.map((e) => (e as { state: string }).state)).toEqual([
      'requested',
      'assisted',
      'none',
    ]);
    const rows = delivery.store
      .readAudit()
      .filter((e) => e.action.startsWith('assist.'))
      .map((e) => [e.actor, e.action]);
    expect(rows).toEqual([
      ['staff:pin', 'assist.requested'],
      ['staff:pin', 'assist.takeover'],
      ['staff:pin', 'assist.handback'],
    ]);
  });
});
