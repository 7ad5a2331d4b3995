import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionManager } from '../session/session-manager';
import { fictionalIdentity } from '../session/testing/test-helpers';
import { FileKeyProvider } from '../store/keys';
import { KioskStore } from '../store/store';
import { scratchDir } from '../store/testing/test-helpers';
import { AssistService, type AssistView, sessionIdHash } from './assist';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function rig() {
  const s = scratchDir('assist-');
  let t = Date.parse('2026-11-30T03:00:00Z');
  const store = KioskStore.open({
    path: join(s.dir, 'db'),
    keys: new FileKeyProvider(join(s.dir, 'k')),
    now: () => t,
  });
  const sessions = new SessionManager();
  const changes: AssistView[] = [];
  const assist = new AssistService({
    sessions,
    audit: (actor, action, subject, detail) => store.audit(actor, action, subject, detail),
    onChange: (v) => changes.push(v),
    now: () => t,
  });
  cleanups.push(() => {
    assist.dispose();
    store.close();
    s.cleanup();
  });
  const identified = () => {
    const session = sessions.start('vi');
    session.personal.set(
      'identity',
      fictionalIdentity({ fullName: 'Phạm Thị Hư Cấu', idNumber: '001099000145' }),
    );
    session.personal.set('decision', 'accept');
    return session;
  };
  const rows = () => store.readAudit().filter((e) => e.action.startsWith('assist.'));
  return { store, sessions, assist, changes, identified, rows, tick: (ms: number) => (t += ms) };
}

describe('AssistService', () => {
  it('take-over with consent, then hand-back: both audited with the officer, the time and a session hash', () => {
    const r = rig();
    const session = r.identified();
    expect(r.assist.request('staff:counter-3')).toMatchObject({
      state: 'requested',
      actor: 'staff:counter-3',
    });
    r.tick(2_000);
    expect(r.assist.answer(true)).toMatchObject({ state: 'assisted', actor: 'staff:counter-3' });
    r.assist.noteDossier('KIOSK-261130-ABCD1234');
    r.tick(65_000);
    expect(r.assist.handBack()).toEqual({ state: 'none', actor: null, since: null });
    const hash = sessionIdHash(session.id);
    expect(r.rows().map((e) => [e.actor, e.action, e.subject])).toEqual([
      ['staff:counter-3', 'assist.requested', hash],
      ['staff:counter-3', 'assist.takeover', hash],
      ['staff:counter-3', 'assist.dossier', 'KIOSK-261130-ABCD1234'],
      ['staff:counter-3', 'assist.handback', hash],
    ]);
    expect(r.rows()[3]!.detail).toEqual({ seconds: 65 });
    expect(r.rows()[1]!.at).toBe(Date.parse('2026-11-30T03:00:02Z'));
    const text = JSON.stringify(r.store.readAudit());
    expect(text).not.toContain(session.id);
    expect(text).not.toContain('Hư Cấu');
    expect(text).not.toContain('001099000145');
    expect(r.store.verifyAudit().ok).toBe(true);
    expect(r.changes.map((c) => c.state)).toEqual(['requested', 'assisted', 'none']);
  });

  it('the citizen may say no; the officer may withdraw', () => {
    const r = rig();
    r.identified();
    r.assist.request('staff:a');
    expect(r.assist.answer(false).state).toBe('none');
    r.assist.request('staff:a');
    expect(r.assist.cancel().state).toBe('none');
    expect(r.rows().map((e) => e.action)).toEqual([
      'assist.requested',
      'assist.declined',
      'assist.requested',
      'assist.cancelled',
    ]);
  });

  it('refuses before identification, without a session, twice, and out of order', () => {
    const r = rig();
    expect(() => r.assist.request('staff:a')).toThrow(expect.objectContaining({ code: 'assist-no-session' }));
    r.sessions.start('vi');
    expect(() => r.assist.request('staff:a')).toThrow(
      expect.objectContaining({ code: 'assist-not-identified' }),
    );
    r.identified();
    expect(() => r.assist.answer(true)).toThrow(expect.objectContaining({ code: 'assist-wrong-state' }));
    expect(() => r.assist.handBack()).toThrow(expect.objectContaining({ code: 'assist-wrong-state' }));
    r.assist.request('staff:a');
    expect(() => r.assist.request('staff:b')).toThrow(expect.objectContaining({ code: 'assist-busy' }));
    expect(() => r.assist.handBack()).toThrow(expect.objectContaining({ code: 'assist-wrong-state' }));
    expect(r.rows()).toHaveLength(1);
  });

  it('a session that ends while assisted ends the assistance (audited); the next citizen starts alone', () => {
    const r = rig();
    r.identified();
    r.assist.request('staff:a');
    r.assist.answer(true);
    r.sessions.end('timeout');
    expect(r.assist.view().state).toBe('none');
    expect(r.rows().at(-1)).toMatchObject({
      actor: 'staff:a',
      action: 'assist.ended',
      detail: { was: 'assisted', reason: 'timeout' },
    });
    r.identified();
    expect(r.assist.view().state).toBe('none');
    r.assist.noteDossier('KIOSK-261130-00000000');
    expect(r.rows().some((e) => e.action === 'assist.dossier')).toBe(false);
  });

  it('without an audit store assistance is refused', () => {
    const sessions = new SessionManager();
    const assist = new AssistService({ sessions, audit: null });
    const s = sessions.start('vi');
    s.personal.set('decision', 'accept');
    expect(() => assist.request('staff:a')).toThrow(expect.objectContaining({ code: 'not-available' }));
    assist.dispose();
  });

  it('a transition is announced only after its audit row is written', () => {
    const sessions = new SessionManager();
    const seen: string[] = [];
    let failOn = '';
    const assist = new AssistService({
      sessions,
      audit: (_a, action) => {
        if (action === failOn) throw new Error('disk full');
        seen.push(action);
      },
      onChange: (v) => seen.push(`event:${v.state}`),
    });
    const s = sessions.start('vi');
    s.personal.set('decision', 'accept');
    assist.request('staff:a');
    assist.answer(true);
    failOn = 'assist.handback';
    expect(() => assist.handBack()).toThrow('disk full');
    expect(assist.view().state).toBe('assisted');
    failOn = 'assist.ended';
    sessions.end('timeout');
    expect(assist.view().state).toBe('none');
    expect(seen).toEqual([
      'assist.requested',
      'event:requested',
      'assist.takeover',
      'event:assisted',
      'event:none',
    ]);
    assist.dispose();
  });
});
