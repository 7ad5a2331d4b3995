/**
 * Tests only: a host with a store and a fake portal, the staff PIN 482915, and a `call` that speaks KioskApi
 * through `handleMessage`. `cleanups` gets what undoes it (run it in afterEach).
 */
import { join } from 'node:path';
import { loadConfig } from '../../config/config';
import { createHost } from '../../create-host';
import { startDelivery } from '../../outbox';
import { FakePortal } from '../../outbox/testing/fake-portal';
import { scratchDir } from '../../store/testing/test-helpers';
import { hashPin } from '../staff-pin';

export const TEST_PIN = '482915';

export function staffTestHost(cleanups: (() => Promise<void> | void)[], staff: Record<string, unknown> = {}) {
  const d = scratchDir('staff-host-');
  const cfg = loadConfig({ dataDir: d.dir, staff: { pinHash: hashPin(TEST_PIN), ...staff } }, {});
  const delivery = startDelivery({
    dbPath: join(d.dir, 'kiosk.db'),
    keys: join(d.dir, 'keys', 'data.key'),
    portal: new FakePortal(),
  });
  const created = createHost(cfg, { delivery });
  cleanups.push(async () => {
    await created.dispose();
    await delivery.stop();
    d.cleanup();
  });
  let id = 0;
  const call = (method: string, params: object = {}) =>
    created.host.handleMessage({ v: 1, id: ++id, method, params });
  return { delivery, created, call };
}
