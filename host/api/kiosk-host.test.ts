import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import { createHost } from '../create-host';

const cfg = loadConfig({ dataDir: '/nonexistent-kiosk-test' }, {});

describe('KioskHost boundary', () => {
  const { host } = createHost(cfg);

  it('answers a valid call', async () => {
    const res = await host.handleMessage({ v: 1, id: 1, method: 'kiosk.hello', params: {} });
    expect(res).toMatchObject({ ok: true, id: 1, result: { protocolVersion: 1, defaultLanguage: 'vi' } });
  });

  it.each([
    ['not an object', 'hello', 'bad-message'],
    ['missing method', { v: 1, id: 2, params: {} }, 'bad-message'],
    ['extra envelope key', { v: 1, id: 3, method: 'status.get', params: {}, evil: true }, 'bad-message'],
    ['wrong protocol', { v: 99, id: 4, method: 'status.get', params: {} }, 'protocol-version'],
    ['unknown method', { v: 1, id: 5, method: 'system.exec', params: {} }, 'unknown-method'],
    ['prototype key as method', { v: 1, id: 6, method: 'constructor', params: {} }, 'unknown-method'],
    ['bad params', { v: 1, id: 7, method: 'session.start', params: { language: 'fr' } }, 'bad-params'],
    ['extra params', { v: 1, id: 8, method: 'status.get', params: { x: 1 } }, 'bad-params'],
  ])('refuses %s with a typed error', async (_name, msg, code) => {
    const res = await host.handleMessage(msg);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe(code);
  });

  it('keeps serving after malformed messages', async () => {
    await host.handleMessage(null);
    await host.handleMessage({ v: 1, id: 9, method: 'session.start', params: null });
    const res = await host.handleMessage({
      v: 1,
      id: 10,
      method: 'session.start',
      params: { language: 'en' },
    });
    expect(res).toMatchObject({ ok: true, id: 10 });
  });

  it('production does not register the simulator methods at all', async () => {
    for (const method of [
      'simulator.profiles',
      'simulator.insertCard',
      'simulator.removeCard',
      'simulator.showQr',
      'simulator.bankTransfer',
    ]) {
      expect(host.has(method)).toBe(false);
      const res = await host.handleMessage({ v: 1, id: 11, method, params: {} });
      expect(res).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
    const hello = await host.handleMessage({ v: 1, id: 11, method: 'kiosk.hello', params: {} });
    expect(hello).toMatchObject({ ok: true, result: { demoMode: false } });
  });

  it('demo mode registers them; with no simulator attached they say so', async () => {
    const demo = createHost(loadConfig({ dataDir: '/nonexistent-kiosk-test', mode: 'demo' }, {})).host;
    expect(demo.has('simulator.profiles')).toBe(true);
    const res = await demo.handleMessage({ v: 1, id: 11, method: 'simulator.profiles', params: {} });
    expect(res).toMatchObject({ ok: false, error: { code: 'not-available' } });
  });

  it('emits session.ended when a session ends', async () => {
    const seen: unknown[] = [];
    const off = host.onEvent((e, p) => seen.push([e, p]));
    await host.handleMessage({ v: 1, id: 12, method: 'session.start', params: { language: 'vi' } });
    await host.handleMessage({ v: 1, id: 13, method: 'session.end', params: { reason: 'timeout' } });
    off();
    expect(seen).toContainEqual(['session.ended', { reason: 'timeout' }]);
  });
});
