import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collect } from '../metrics/exposition';
import { KioskStore } from '../store/store';
import { FileKeyProvider } from '../store/keys';
import { scratchDir } from '../store/testing/test-helpers';
import { AlertService } from './alert-service';
import { postStaffCall } from './alert-webhook';
import { StaffCalls } from './staff-calls';
import { staffTestHost } from './testing/test-host';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

interface Received {
  method: string;
  url: string;
  auth: string | undefined;
  type: string | undefined;
  body: unknown;
}

/** A tiny Alertmanager stand-in: records what it gets and answers `status`. */
async function receiver(status = 200): Promise<{ url: string; got: Received[]; setStatus(s: number): void }> {
  const got: Received[] = [];
  let answer = status;
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({
        method: req.method ?? '',
        url: req.url ?? '',
        auth: req.headers.authorization,
        type: req.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'),
      });
      res.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/api/v2/alerts`, got, setStatus: (s) => (answer = s) };
}

/** A port nobody listens on. */
async function closedPort(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}/api/v2/alerts`;
}

function store(): KioskStore {
  const d = scratchDir('staff-calls-');
  const s = KioskStore.open({
    path: join(d.dir, 'kiosk.db'),
    keys: new FileKeyProvider(join(d.dir, 'k', 'data.key')),
  });
  cleanups.push(() => {
    s.close();
    d.cleanup();
  });
  return s;
}

describe('postStaffCall (Alertmanager API v2 JSON)', () => {
  it('POSTs one alert with the kiosk and screen labels and the bearer token; 2xx is delivered', async () => {
    const r = await receiver(200);
    const out = await postStaffCall(
      { url: r.url, token: 'centre-token-0123456789' },
      {
        kiosk: 'Ki-ốt UBND phường 1',
        instance: 'kiosk-01',
        screen: 'refused',
        id: 7,
        at: Date.UTC(2026, 10, 30, 8),
      },
    );
    expect(out).toEqual({ ok: true, status: 200 });
    expect(r.got).toHaveLength(1);
    expect(r.got[0]).toMatchObject({
      method: 'POST',
      url: '/api/v2/alerts',
      auth: 'Bearer centre-token-0123456789',
      type: 'application/json',
    });
    expect(r.got[0]!.body).toEqual([
      {
        labels: {
          alertname: 'KioskStaffCall',
          severity: 'warning',
          kiosk: 'Ki-ốt UBND phường 1',
          instance: 'kiosk-01',
          screen: 'refused',
          call: '7',
        },
        annotations: {
          summary: 'Gọi cán bộ: ki-ốt Ki-ốt UBND phường 1, màn hình refused',
          description: 'Staff call from kiosk Ki-ốt UBND phường 1 (screen: refused).',
        },
        startsAt: '2026-11-30T08:00:00.000Z',
      },
    ]);
  });

  it('an error status or a refused connection is not delivered', async () => {
    const r = await receiver(503);
    const a = { kiosk: 'k', instance: 'i', screen: 'form' as const, id: 1, at: 0 };
    expect(await postStaffCall({ url: r.url, token: null }, a)).toEqual({
      ok: false,
      status: 503,
      reason: 'HTTP 503',
    });
    expect(r.got[0]!.auth).toBeUndefined();
    const refused = await postStaffCall({ url: await closedPort(), token: null }, a);
    expect(refused).toMatchObject({ ok: false, status: null, reason: 'ECONNREFUSED' });
  });
});

describe('StaffCalls', () => {
  it('with a receiver: delivered on 2xx, failed otherwise; raises the staff-call alert; answers are audited and resolve it', async () => {
    const r = await receiver(202);
    const s = store();
    const calls = new StaffCalls({
      alerts: new AlertService(s),
      audit: (actor, action, subject, detail) => s.audit(actor, action, subject, detail),
      webhook: { url: r.url, token: null },
      kiosk: 'k1',
      instance: 'h1',
    });
    expect(await calls.call('refused')).toEqual({ id: 1, delivery: 'delivered' });
    r.setStatus(500);
    expect(await calls.call('form')).toEqual({ id: 2, delivery: 'failed' });
    expect(s.listAlerts()).toMatchObject([{ code: 'staff-call', severity: 'warning', count: 2 }]);
    expect(calls.list().map((c) => [c.id, c.screen, c.delivery])).toEqual([
      [1, 'refused', 'delivered'],
      [2, 'form', 'failed'],
    ]);
    expect(calls.stats()).toMatchObject({ open: 2, total: { refused: 1, form: 1, attract: 0 } });

    r.setStatus(200);
    expect(calls.answer(1, 'staff:pin')).toBe(true);
    expect(calls.answer(1, 'staff:pin')).toBe(false);
    expect(s.listAlerts()).toHaveLength(1);
    expect(calls.answer(2, 'staff:pin')).toBe(true);
    expect(s.listAlerts()).toEqual([]);
    expect(calls.stats()).toMatchObject({ open: 0, total: { refused: 1, form: 1 } });
    // The delivered call is resolved at the centre (endsAt set).
    await vi.waitFor(() => expect(r.got).toHaveLength(3));
    const resolved = r.got.at(-1)!.body as { labels: { call: string }; endsAt?: string }[];
    expect(resolved[0]!.labels.call).toBe('1');
    expect(resolved[0]!.endsAt).toBeTruthy();

    const audit = s.readAudit().map((e) => [e.actor, e.action, e.subject]);
    expect(audit).toEqual([
      ['citizen', 'staff.call', 'refused'],
      ['system', 'staff.call-delivery', 'refused'],
      ['citizen', 'staff.call', 'form'],
      ['system', 'staff.call-delivery', 'form'],
      ['staff:pin', 'staff.call-answered', 'refused'],
      ['staff:pin', 'staff.call-answered', 'form'],
      ['staff:pin', 'alert.cleared', 'staff-call'],
    ]);
  });

  it('without a receiver the call is no-channel (on this kiosk only) and still raised and counted', async () => {
    const s = store();
    const calls = new StaffCalls({ alerts: new AlertService(s), webhook: null, kiosk: 'k', instance: 'h' });
    expect(await calls.call('service')).toEqual({ id: 1, delivery: 'no-channel' });
    expect(s.listAlerts()).toMatchObject([{ code: 'staff-call' }]);
    calls.answerAll('staff:pin');
    expect(calls.list()).toEqual([]);
  });
});

describe('staff.call through KioskApi', () => {
  it('is open to citizens, listed on the console only in staff mode, counted in the metrics', async () => {
    const r = await receiver(200);
    const { created, delivery, call } = staffTestHost(cleanups, { alertWebhook: { url: r.url } });
    expect(await call('staff.call', { screen: 'refused' })).toMatchObject({
      ok: true,
      result: { id: 1, delivery: 'delivered' },
    });
    expect(await call('staff.call', { screen: 'not-a-screen' })).toMatchObject({
      ok: false,
      error: { code: 'bad-params' },
    });
    expect(await call('staff.calls')).toMatchObject({ ok: false, error: { code: 'staff.locked' } });
    await call('staff.unlock', { pin: '482915' });
    expect(await call('staff.calls')).toMatchObject({
      ok: true,
      result: [{ id: 1, screen: 'refused', delivery: 'delivered' }],
    });
    const families = collect({
      status: () => created.services.status.get(),
      db: delivery.store.db,
      startedAt: 0,
      staffCalls: () => created.services.staffCalls.stats(),
    });
    const total = families.find((f) => f.name === 'kiosk_staff_calls_total')!;
    expect(total.samples.find((x) => x.labels?.screen === 'refused')?.value).toBe(1);
    expect(families.find((f) => f.name === 'kiosk_staff_calls_open')!.samples).toEqual([{ value: 1 }]);
    expect(families.find((f) => f.name === 'kiosk_staff_alerts_active')!.samples).toEqual([
      { labels: { code: 'staff-call' }, value: 1 },
    ]);
    expect(await call('staff.clearAlert', { code: 'staff-call' })).toMatchObject({
      ok: true,
      result: { cleared: true },
    });
    expect(await call('staff.calls')).toMatchObject({ ok: true, result: [] });
  });
});
