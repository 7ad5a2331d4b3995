import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../store/test-helpers';
import { startDelivery } from './delivery';
import { FakePortal } from './fake-portal';

describe('startDelivery', () => {
  it('resumes dossiers a previous process left queued and purges on start', async () => {
    const s = scratchDir('delivery-');
    const portal = new FakePortal();
    portal.failWith = 'portal-unreachable';
    const cfg = { dbPath: join(s.dir, 'kiosk.db'), keys: join(s.dir, 'keys', 'data.key'), portal };
    const first = startDelivery(cfg);
    const receipt = first.outbox.submit({
      serviceId: 'temporary-residence',
      feePaid: false,
      dossier: {
        procedureCode: '1.004194',
        procedureName: 'Đăng ký tạm trú',
        receivingAgency: { code: '000.30.01.H22', name: 'Công an phường Mẫu Một (mô phỏng)' },
        fieldCode: null,
        applicant: {
          fullName: 'Lê Hoàng Thử Nghiệm',
          idNumber: '031099900412',
          phone: null,
          email: null,
          kind: 'citizen',
        },
        summary: 'x',
        appointmentAt: null,
        channel: 'in-person',
        fees: [],
        documents: [],
        answers: {},
      },
    });
    expect(receipt.feePaid).toBe(true);
    await first.stop();
    portal.failWith = null;
    const second = startDelivery(cfg);
    await second.outbox.idle();
    expect(second.store.findOutbox({ localRef: receipt.localRef })?.state).toBe('delivered');
    await second.stop();
    s.cleanup();
  });
});
