import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import { createHost } from '../create-host';
import { ALERT_CODES } from '../store/alerts';
import { hashPin } from './staff-pin';
import { staffTestHost } from './testing/test-host';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const hostWithStore = () => staffTestHost(cleanups);

describe('staff.alerts', () => {
  it('lists the open alerts through KioskApi, without personal data', async () => {
    const { delivery, call } = hostWithStore();
    await call('staff.unlock', { pin: '482915' });
    expect(await call('staff.alerts')).toMatchObject({ ok: true, result: [] });
    delivery.store.raiseAlert('backup-failed', 'warning');
    delivery.store.raiseAlert('store-key-missing', 'critical');
    const res = await call('staff.alerts');
    expect(res).toMatchObject({
      ok: true,
      result: [
        { code: 'store-key-missing', severity: 'critical', count: 1, clearedAt: null },
        { code: 'backup-failed', severity: 'warning', count: 1, clearedAt: null },
      ],
    });
  });

  it('answers an empty list when the kiosk runs without a store', async () => {
    const { host } = createHost(
      loadConfig({ dataDir: '/nonexistent-kiosk-test', staff: { pinHash: hashPin('482915') } }, {}),
    );
    await host.handleMessage({ v: 1, id: 1, method: 'staff.unlock', params: { pin: '482915' } });
    expect(await host.handleMessage({ v: 1, id: 2, method: 'staff.alerts', params: {} })).toMatchObject({
      ok: true,
      result: [],
    });
  });

  it('staff.unlock locks in the store after five wrong PINs and raises an alert', async () => {
    const { delivery, call } = hostWithStore();
    for (let i = 0; i < 4; i++)
      expect(await call('staff.unlock', { pin: '111111' })).toMatchObject({
        result: { ok: false, lockedForSeconds: 0 },
      });
    expect(await call('staff.unlock', { pin: '111111' })).toMatchObject({
      result: { lockedForSeconds: 300 },
    });
    expect(delivery.store.pinLockout()).toMatchObject({ failures: 0, lockouts: 1 });
    expect(delivery.store.listAlerts()).toMatchObject([{ code: 'staff-pin-locked' }]);
    expect(delivery.store.readAudit().filter((e) => e.action === 'staff.pin-attempt')).toHaveLength(5);
  });
});

describe('alert sentences', () => {
  it('every alert code has a staff sentence in Vietnamese and English (renderer/i18n/errors/alerts.json)', () => {
    const file = new URL('../../renderer/i18n/errors/alerts.json', import.meta.url);
    const text = JSON.parse(readFileSync(file, 'utf8')) as Record<'vi' | 'en', Record<string, string>>;
    for (const code of ALERT_CODES)
      for (const lang of ['vi', 'en'] as const)
        expect(text[lang][`alert-${code}`], `${lang} ${code}`).toBeTruthy();
  });
});
