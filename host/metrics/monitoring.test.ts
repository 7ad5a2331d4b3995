/**
 * The shipped monitoring files (deploy/monitoring): promtool checks the alert rules, runs their unit tests and
 * checks the example scrape configuration; the Grafana dashboard queries only metrics the kiosk exposes.
 * promtool comes from Debian's `prometheus` package (scripts/setup.sh installs it): without it these fail.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchDir } from '../store/testing/test-helpers';

const DIR = join(import.meta.dirname, '..', '..', 'deploy', 'monitoring');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function promtool(args: string[], cwd: string): string {
  const r = spawnSync('promtool', args, { cwd, encoding: 'utf8' });
  if (r.error)
    throw new Error(
      `promtool is missing (${r.error.message}): install the Debian package "prometheus" (scripts/setup.sh does)`,
    );
  const out = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) throw new Error(`promtool ${args.join(' ')} failed:\n${out}`);
  return out;
}

describe('deploy/monitoring', () => {
  it('promtool is installed', () => {
    expect(execFileSync('promtool', ['--version'], { encoding: 'utf8' })).toMatch(/promtool, version/);
  });

  it('promtool check rules: the alert rules are valid', () => {
    expect(promtool(['check', 'rules', 'kiosk-alerts.rules.yml'], DIR)).toMatch(/SUCCESS: 4 rules found/);
  });

  it('promtool test rules: paper out, outbox stuck > 30 min and reader gone fire when they should', () => {
    expect(promtool(['test', 'rules', 'kiosk-alerts.rules.test.yml'], DIR)).toMatch(/SUCCESS/);
  });

  it('promtool check config: the example scrape configuration (token file put in place)', () => {
    const s = scratchDir('prom-config-');
    cleanups.push(s.cleanup);
    const token = join(s.dir, 'kiosk-metrics.token');
    writeFileSync(token, 'example-token-0123456789\n', { mode: 0o600 });
    const config = readFileSync(join(DIR, 'prometheus.yml'), 'utf8');
    expect(config).toContain('credentials_file: /etc/prometheus/kiosk-metrics.token');
    writeFileSync(
      join(s.dir, 'prometheus.yml'),
      config.replaceAll('/etc/prometheus/kiosk-metrics.token', token),
    );
    copyFileSync(join(DIR, 'kiosk-alerts.rules.yml'), join(s.dir, 'kiosk-alerts.rules.yml'));
    expect(promtool(['check', 'config', 'prometheus.yml'], s.dir)).toMatch(/SUCCESS: 1 rule files found/);
  });

  it('the Grafana dashboard queries only metrics the kiosk exposes', () => {
    const dash = JSON.parse(readFileSync(join(DIR, 'grafana-dashboard.json'), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const exposed = readFileSync(join(import.meta.dirname, 'exposition.ts'), 'utf8');
    const names = new Set([...exposed.matchAll(/name: '(kiosk_[a-z_]+)'/g)].map((m) => m[1]!));
    expect(names.size).toBeGreaterThanOrEqual(10);
    const used = dash.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/kiosk_[a-z_]+/g) ?? []));
    expect(used.length).toBeGreaterThan(0);
    for (const n of used) expect(names, n).toContain(n);
    const rules = readFileSync(join(DIR, 'kiosk-alerts.rules.yml'), 'utf8');
    for (const n of rules.match(/kiosk_[a-z_]+/g) ?? []) expect(names, n).toContain(n);
  });
});
