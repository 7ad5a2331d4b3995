/**
 * `/metrics` scraped over HTTP after every fictional citizen's journey: parsed with a strict text-format
 * parser, names and types as documented, bounded labels, no label value from any citizen, bearer token.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config';
import { DeviceStatusBoard } from '../devices/device-status';
import { startMetricsFor } from '../kiosk-services';
import { scratchDir } from '../store/testing/test-helpers';
import {
  journeyRig,
  fictionalCitizens,
  personalStrings,
  runCitizenJourneys,
} from '../reports/testing/test-journeys';
import { startMetricsServer, resolveMetricsToken } from './index';
import { ExpositionError, parseExposition } from './strict-parser';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const TOKEN = 'test-metrics-token-0123456789';

const EXPECTED_TYPES: Record<string, 'gauge' | 'counter'> = {
  kiosk_uptime_seconds: 'gauge',
  kiosk_device_up: 'gauge',
  kiosk_device_state: 'gauge',
  kiosk_printer_paper_out: 'gauge',
  kiosk_outbox_depth: 'gauge',
  kiosk_outbox_oldest_age_seconds: 'gauge',
  kiosk_outbox_dead_letters: 'gauge',
  kiosk_dossiers_total: 'counter',
  kiosk_fees_collected_vnd_total: 'counter',
  kiosk_journeys_total: 'counter',
  kiosk_ratings_total: 'counter',
  kiosk_errors_total: 'counter',
  kiosk_staff_alerts_active: 'gauge',
};

async function scrapeRig() {
  const rig = journeyRig();
  cleanups.push(rig.cleanup);
  const server = await startMetricsServer({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    sources: {
      status: () => rig.created.services.status.get(),
      db: rig.delivery.store.db,
      startedAt: Date.now() - 42_000,
    },
  });
  cleanups.push(() => server.stop());
  return { rig, server };
}

describe('/metrics', () => {
  it('strict text format, the documented families, and no citizen data in any label', async () => {
    const { rig, server } = await scrapeRig();
    const citizens = fictionalCitizens();
    const exp = await runCitizenJourneys(rig, citizens);
    rig.delivery.store.raiseAlert('backup-failed', 'warning');
    const res = await fetch(server.url, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const families = parseExposition(await res.text());
    expect(Object.fromEntries(families.map((f) => [f.name, f.type]))).toEqual(EXPECTED_TYPES);
    for (const f of families) expect(f.help, f.name).toBeTruthy();
    const get = (name: string, labels: Record<string, string> = {}) =>
      families
        .find((f) => f.name === name)!
        .samples.filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        .reduce((a, s) => a + s.value, 0);
    expect(get('kiosk_uptime_seconds')).toBeGreaterThanOrEqual(42);
    expect(get('kiosk_journeys_total', { service: 'temporary-residence', outcome: 'completed' })).toBe(
      exp.completed,
    );
    expect(get('kiosk_journeys_total', { outcome: 'abandoned' })).toBe(exp.started - exp.completed);
    for (const [score, n] of Object.entries(exp.ratings))
      expect(get('kiosk_ratings_total', { score })).toBe(n);
    expect(get('kiosk_errors_total')).toBe(exp.errors);
    expect(get('kiosk_dossiers_total', { service: 'temporary-residence', outcome: 'submitted' })).toBe(
      exp.completed,
    );
    expect(get('kiosk_staff_alerts_active', { code: 'backup-failed' })).toBe(1);
    expect(get('kiosk_device_up', { device: 'printer' })).toBeTypeOf('number');

    // Bounded label sets: label names from a closed list; values are codes.
    const labelNames = new Set(families.flatMap((f) => f.samples.flatMap((s) => Object.keys(s.labels))));
    expect([...labelNames].sort()).toEqual(['code', 'device', 'outcome', 'score', 'service', 'state']);
    const values = families.flatMap((f) => f.samples.flatMap((s) => Object.values(s.labels)));
    for (const v of values) expect(v).toMatch(/^[a-z0-9./-]{0,64}$/);
    const needles = citizens.flatMap(personalStrings);
    for (const v of values)
      for (const n of needles) {
        expect(v.includes(n), `${v} holds ${n}`).toBe(false);
        expect(n.includes(v) && v.length >= 6 && /\d{6,}/.test(v), `${v} is part of ${n}`).toBe(false);
      }
  });

  it('needs the bearer token; answers only GET /metrics', async () => {
    const { server } = await scrapeRig();
    expect((await fetch(server.url)).status).toBe(401);
    expect(
      (await fetch(server.url, { headers: { Authorization: 'Bearer wrong-token-0123456789' } })).status,
    ).toBe(401);
    expect((await fetch(server.url, { headers: { Authorization: `Basic ${TOKEN}` } })).status).toBe(401);
    const other = server.url.replace('/metrics', '/');
    expect((await fetch(other, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    expect(
      (await fetch(server.url, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(405);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
  });

  it('the composition root starts it only when enabled, on loopback by default, and refuses to without a token', async () => {
    const s = scratchDir('metrics-config-');
    cleanups.push(async () => s.cleanup());
    const off = loadConfig({ dataDir: s.dir }, {});
    expect(off.metrics).toEqual({ enabled: false, host: '127.0.0.1', port: 9464, tokenFile: null });
    expect(await startMetricsFor(off, new DeviceStatusBoard(), null, Date.now())).toBeNull();
    const saved = process.env.KIOSK_METRICS_TOKEN;
    delete process.env.KIOSK_METRICS_TOKEN;
    cleanups.push(async () => {
      if (saved !== undefined) process.env.KIOSK_METRICS_TOKEN = saved;
    });
    const noToken = loadConfig({ dataDir: s.dir, metrics: { enabled: true, port: 0 } } as never, {});
    await expect(startMetricsFor(noToken, new DeviceStatusBoard(), null, Date.now())).rejects.toBeInstanceOf(
      ConfigError,
    );
    const tokenFile = join(s.dir, 'metrics.token');
    writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
    const on = loadConfig({ dataDir: s.dir, metrics: { enabled: true, port: 0, tokenFile } } as never, {});
    const server = (await startMetricsFor(on, new DeviceStatusBoard(), null, Date.now()))!;
    cleanups.push(() => server.stop());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const res = await fetch(server.url, { headers: { Authorization: `Bearer ${TOKEN}` } });
    const names = parseExposition(await res.text()).map((f) => f.name);
    // Without a store: device health and uptime only.
    expect(names).toEqual([
      'kiosk_uptime_seconds',
      'kiosk_device_up',
      'kiosk_device_state',
      'kiosk_printer_paper_out',
    ]);
  });

  it('a token is required, at least 16 characters, from the environment or a file', () => {
    expect(() => resolveMetricsToken(null, {})).toThrow(/bearer token/);
    expect(() => resolveMetricsToken(null, { KIOSK_METRICS_TOKEN: 'short' })).toThrow(/16 characters/);
    expect(resolveMetricsToken(null, { KIOSK_METRICS_TOKEN: TOKEN })).toBe(TOKEN);
  });

  it('the strict parser refuses what a lenient one would let through', () => {
    const ok = '# HELP a_total A.\n# TYPE a_total counter\na_total{x="1"} 2\n';
    expect(parseExposition(ok)).toEqual([
      {
        name: 'a_total',
        type: 'counter',
        help: 'A.',
        samples: [{ name: 'a_total', labels: { x: '1' }, value: 2 }],
      },
    ]);
    for (const bad of [
      ok.slice(0, -1), // no final newline
      '# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na 2\n', // split family
      '# TYPE a gauge\na 1\n# TYPE a gauge\n', // TYPE twice
      'a 1\n# TYPE a gauge\n', // TYPE after samples
      '# TYPE a gauge\na{x="1"} 1\na{x="1"} 2\n', // duplicate series
      '# TYPE a gauge\na{x="1} 1\n', // unterminated label
      '# TYPE a gauge\na{1x="1"} 1\n', // bad label name
      '# TYPE a gauge\na one\n', // bad value
      '# a comment\n', // free comment
      '# TYPE a colour\n', // bad type
      '\n',
    ])
      expect(() => parseExposition(bad), JSON.stringify(bad)).toThrow(ExpositionError);
  });
});
