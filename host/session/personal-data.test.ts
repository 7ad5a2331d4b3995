import { describe, expect, it } from 'vitest';
import { personalValues } from '../speech/privacy-filter';
import { SessionManager } from './session-manager';
import { fictionalIdentity } from './testing/test-helpers';

describe('a session’s personal data', () => {
  it('holds what each key declares and is wiped when the session ends', () => {
    const sessions = new SessionManager();
    const s = sessions.start('vi');
    const identity = fictionalIdentity({ fullName: 'Lý Thị Mẫu', idNumber: '079190000017' });
    s.personal.set('identity', identity);
    s.personal.set('decision', 'accept');
    s.personal.set('other:spouse', { identity: fictionalIdentity(), decision: 'refuse-forged' });
    s.personal.set('receipts', ['K-1']);
    expect(s.personal.get('identity')).toBe(identity);
    expect(s.personal.get('other:spouse')?.decision).toBe('refuse-forged');
    expect(s.personal.get('photo')).toBeUndefined();
    expect(s.personal.delete('receipts')).toBe(true);
    expect(s.personal.delete('receipts')).toBe(false);
    expect(sessions.end('done')).toBe(true);
    expect(s.personal.empty).toBe(true);
    expect(s.personal.get('identity')).toBeUndefined();
    expect(sessions.active).toBeNull();
  });

  it('shows its names and numbers to the speech privacy filter (which must not say them aloud)', () => {
    const s = new SessionManager().start('vi');
    s.personal.set('identity', fictionalIdentity({ fullName: 'Lý Thị Mẫu', idNumber: '079190000017' }));
    s.personal.set('other:household-head', {
      identity: fictionalIdentity({ fullName: 'Lý Văn Chủ' }),
      decision: 'accept',
    });
    const known = personalValues(s.personal);
    expect(known).toContain('Lý Thị Mẫu');
    expect(known).toContain('079190000017');
    expect(known).toContain('Lý Văn Chủ');
  });
});
