import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import { listBackups } from '../store/backup';
import { scratchDir } from '../store/testing/test-helpers';
import { deliveryStoreFromConfig, startDelivery } from './delivery';
import { FakePortal } from './testing/fake-portal';

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

describe('startDelivery with the kiosk configuration', () => {
  it('keeps keys outside the data folder, backs up at start, and quarantines a corrupt database', async () => {
    const s = scratchDir('delivery-cfg-');
    const dataDir = join(s.dir, 'data');
    const config = loadConfig({ dataDir }, {});
    const portal = new FakePortal();
    const first = startDelivery({ ...deliveryStoreFromConfig(config, {}), portal });
    expect(first.quarantinedTo).toBeNull();
    expect(existsSync(join(s.dir, 'data-keys', 'data.key'))).toBe(true);
    expect(existsSync(join(s.dir, 'data-keys', 'audit.key'))).toBe(true);
    await first.stop(); // waits for the start-up backup
    expect(listBackups(join(dataDir, 'backups'))).toHaveLength(1);
    expect(readdirSync(dataDir).filter((f) => f.includes('key'))).toEqual([]);

    writeFileSync(join(dataDir, 'kiosk.db'), Buffer.alloc(8192, 0x42));
    const second = startDelivery({ ...deliveryStoreFromConfig(config, {}), portal });
    expect(second.quarantinedTo).toMatch(/kiosk\.db\.corrupt-\d{8}T\d{6}Z$/);
    expect(second.store.listAlerts().map((a) => a.code)).toEqual(['store-quarantined']);
    expect(second.outbox.listQueue()).toEqual([]);
    await second.stop();
    s.cleanup();
  });
});
