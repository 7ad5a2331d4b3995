import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Identity } from '../../common/identity';
import { SessionManager } from '../session/session-manager';
import { FileKeyProvider } from '../store/keys';
import { KioskStore } from '../store/store';
import { DraftService } from './draft-service';

const identity = { idNumber: '001190012345', fullName: 'Nguyễn Thị Hồng Nhung' } as Identity;

function rig() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-draft-'));
  const store = KioskStore.open({
    path: path.join(dir, 'kiosk.db'),
    keys: new FileKeyProvider(path.join(dir, 'k')),
  });
  const sessions = new SessionManager();
  return { store, sessions, drafts: new DraftService({ store, sessions }) };
}

function identify(sessions: SessionManager, who: Identity = identity): void {
  const s = sessions.start('vi');
  s.personal.set('identity', who);
  s.personal.set('decision', 'accept');
}

describe('drafts', () => {
  it('come back to the same card in a later session, and only to it', () => {
    const { sessions, drafts } = rig();
    identify(sessions);
    drafts.save('temporary-residence', {
      formIndex: 0,
      forms: [{ formId: 'ct01', version: 'tt53-2025', values: { phone: '0911222333' } }],
    });
    sessions.end('timeout');
    identify(sessions);
    expect(drafts.load()).toMatchObject({
      serviceId: 'temporary-residence',
      data: { forms: [{ values: { phone: '0911222333' } }] },
    });
    identify(sessions, { ...identity, idNumber: '079195008888' });
    expect(drafts.load()).toBeNull();
  });

  it('need a verified identity', () => {
    const { sessions, drafts } = rig();
    sessions.start('vi');
    expect(() => drafts.load()).toThrow(expect.objectContaining({ code: 'dossier-not-identified' }));
  });
});
