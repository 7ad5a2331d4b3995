import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FileKeyProvider } from '../store/keys';
import { KioskStore } from '../store/store';
import { HttpCentreQueue } from './centre';
import { loadConfig } from '../config/config';
import { resolveQueueToken, startQueueCentreFor } from './centre-config';
import { MockQueueCentre } from './mock/server';
import { startMockQueueCentre, type StartedMockQueueCentre } from './mock/start';
import { QueueService, ticketPdf } from './queue-service';

const TOKEN = 'queue-test-token-0001';
let centre: MockQueueCentre;
let url: string;
beforeAll(async () => {
  centre = new MockQueueCentre({ token: TOKEN });
  url = `http://127.0.0.1:${await centre.listen(0)}`;
});
afterAll(() => centre.close());

const stores: KioskStore[] = [];
afterEach(() => {
  while (stores.length) stores.pop()?.close();
});
function kiosk(opts: { prefix: string | null; centre: HttpCentreQueue | null; kioskId?: string }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-queue-centre-'));
  const store = KioskStore.open({
    path: path.join(dir, 'db'),
    keys: new FileKeyProvider(path.join(dir, 'k')),
  });
  stores.push(store);
  return new QueueService({
    store,
    printer: null,
    centre: opts.centre,
    kioskPrefix: opts.prefix,
    kioskId: opts.kioskId ?? opts.prefix ?? 'KIOSK',
  });
}

describe('centre queue', () => {
  it('two kiosks share the centre sequence; the centre records which kiosk asked', async () => {
    const http = new HttpCentreQueue({ url, token: TOKEN });
    const k1 = kiosk({ prefix: 'K01', centre: http });
    const k2 = kiosk({ prefix: 'K02', centre: http });
    const a = await k1.take('police');
    const b = await k2.take('police');
    expect(a).toMatchObject({ number: 'A001', source: 'centre', centreDown: false, ahead: 0 });
    expect(b).toMatchObject({ number: 'A002', source: 'centre', ahead: 1 });
    expect(centre.issued.map((t) => [t.number, t.kioskId])).toEqual([
      ['A001', 'K01'],
      ['A002', 'K02'],
    ]);
  });

  it('centre down or slow → the kiosk’s own prefixed number, said on the ticket', async () => {
    const k1 = kiosk({ prefix: 'K01', centre: new HttpCentreQueue({ url, token: TOKEN, timeoutMs: 300 }) });
    const k2 = kiosk({ prefix: 'K02', centre: new HttpCentreQueue({ url, token: TOKEN, timeoutMs: 300 }) });
    await fetch(`${url}/admin/faults`, { method: 'POST', body: JSON.stringify({ down: true }) });
    const a = await k1.take('justice');
    const b = await k2.take('justice');
    expect(a).toMatchObject({ number: 'K01-B001', source: 'kiosk', centreDown: true });
    expect(b).toMatchObject({ number: 'K02-B001', source: 'kiosk', centreDown: true });
    expect(a.number).not.toBe(b.number);
    await fetch(`${url}/admin/faults`, { method: 'POST', body: JSON.stringify({ latencyMs: 2000 }) });
    expect(await k1.take('justice')).toMatchObject({ number: 'K01-B002', centreDown: true });
    await fetch(`${url}/admin/faults`, { method: 'POST', body: JSON.stringify({}) });
    const pdf = await ticketPdf(a, 'Ki-ốt thử');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-ticket-')), 't.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('K01-B001');
    expect(text.replace(/\s+/g, ' ')).toContain('số này do ki-ốt cấp');
  });

  it('a wrong token or a malformed answer counts as the centre being unavailable', async () => {
    await expect(
      new HttpCentreQueue({ url, token: 'wrong' }).issue({ group: 'police', kioskId: 'K' }),
    ).rejects.toMatchObject({
      code: 'queue-centre-unavailable',
    });
    const bad = new HttpCentreQueue({
      url,
      token: null,
      fetch: async () => new Response(JSON.stringify({ number: '<script>' }), { status: 201 }),
    });
    await expect(bad.issue({ group: 'police', kioskId: 'K' })).rejects.toMatchObject({
      code: 'queue-centre-unavailable',
    });
  });

  it('without a centre, numbers carry the kiosk prefix (none configured: as before)', async () => {
    expect(await kiosk({ prefix: 'K07', centre: null }).take('general')).toMatchObject({
      number: 'K07-C001',
      source: 'kiosk',
      centreDown: false,
    });
    expect((await kiosk({ prefix: null, centre: null }).take('general')).number).toBe('C001');
  });

  it('token from the environment or the file’s first line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-queue-token-'));
    writeFileSync(path.join(dir, 't'), 'from-file\nignored\n');
    expect(resolveQueueToken(path.join(dir, 't'), {})).toBe('from-file');
    expect(resolveQueueToken(null, { KIOSK_QUEUE_TOKEN: 'from-env' })).toBe('from-env');
    expect(resolveQueueToken(null, {})).toBeNull();
  });
});

describe('mock queue centre in its own process', () => {
  let mock: StartedMockQueueCentre | null = null;
  afterEach(async () => {
    await mock?.stop();
    mock = null;
  });

  it('issues numbers, takes faults through its admin API, lists what it issued', async () => {
    mock = await startMockQueueCentre({ port: 0, token: TOKEN });
    const http = new HttpCentreQueue({ url: mock.url, token: TOKEN, timeoutMs: 500 });
    expect(await http.issue({ group: 'general', kioskId: 'K09' })).toEqual({ number: 'C001', ahead: 0 });
    await mock.setFaults({ down: true });
    await expect(http.issue({ group: 'general', kioskId: 'K09' })).rejects.toMatchObject({
      code: 'queue-centre-unavailable',
    });
    expect(await mock.tickets()).toMatchObject([{ number: 'C001', group: 'general', kioskId: 'K09' }]);
  });

  it('demo mode with queue.mockCentre runs it; production never does', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-queue-cfg-'));
    const prod = await startQueueCentreFor(loadConfig({ dataDir, queue: { mockCentre: true } }, {}));
    expect(prod).toEqual({ centre: null, mock: null });
    const demo = await startQueueCentreFor(
      loadConfig({ dataDir, mode: 'demo', queue: { mockCentre: true } }, {}),
    );
    mock = demo.mock;
    expect(demo.mock).not.toBeNull();
    expect(await demo.centre!.issue({ group: 'police', kioskId: 'K01' })).toMatchObject({ number: 'A001' });
  });

  it('production refuses a plain-http centre other than loopback', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-queue-cfg-'));
    expect(() => loadConfig({ dataDir, queue: { centre: { url: 'http://queue.example.vn' } } }, {})).toThrow(
      /queue.centre.url/,
    );
  });
});
