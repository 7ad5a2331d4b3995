/**
 * `kiosk doctor` as a technician runs it: the CLI in its own process, `--json` validated by the report's zod
 * schema. A machine without reader, scanner or printer gets failures with reasons and exit status 1 (not a
 * crash); the portal checks run against the real mock portal in its own process; an isolated pcscd with the
 * simulator behind vpcd shows a reader, a card's ATR and a test read (`--read`) in demo mode, and the same
 * virtual reader refused in production.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settlesWithin } from '../../tests/support/wait';
import {
  listProfiles,
  startVirtualCard,
  startVirtualScanner,
  type VirtualCard,
} from '../../native/simulator';
import { type IsolatedPcscd, startIsolatedPcscd } from '../devices/isolated-pcscd';
import { MOCK_CREDENTIALS } from '../portal/mock/server';
import { type StartedMockPortal, startMockPortal } from '../portal/mock/start';
import { CHECK_IDS, type CheckResult, DoctorReport } from './schema';
import { SKEW_WARN_S } from './portal-checks';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
let portal: StartedMockPortal;

function doctor(
  config: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  args: string[] = ['--json'],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = path.join(dir, `kiosk-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(config));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/doctor.ts', ...args],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          KIOSK_CONFIG: file,
          PCSCLITE_CSOCK_NAME: path.join(dir, 'no-pcscd.comm'),
          ...env,
        },
        timeout: 90_000,
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

const byId = (r: DoctorReport, id: string): CheckResult => r.checks.find((c) => c.id === id)!;

/** No hardware: no pcscd socket, a scanner and an ESC/POS printer that are not there. */
const bare = (over: Record<string, unknown> = {}) => ({
  mode: 'demo',
  dataDir: path.join(dir, 'data'),
  devices: { scannerPath: path.join(dir, 'ttyACM-missing') },
  printer: { kind: 'escpos', transport: { kind: 'device', path: path.join(dir, 'lp-missing') } },
  portal: { url: portal.url, mock: false, clientId: MOCK_CREDENTIALS.clientId },
  ...over,
});

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kiosk-doctor-'));
  portal = await startMockPortal({ port: 0, dbPath: path.join(dir, 'portal.db') });
});
afterAll(async () => {
  await portal?.stop();
});

describe('kiosk doctor on a machine without hardware', () => {
  let report: DoctorReport;
  let code: number;

  beforeAll(async () => {
    const out = await doctor(bare(), { KIOSK_PORTAL_CLIENT_SECRET: MOCK_CREDENTIALS.clientSecret });
    code = out.code;
    report = DoctorReport.parse(JSON.parse(out.stdout));
  }, 120_000);

  it('reports every check once, in order, against the schema', () => {
    expect(report.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
    expect(report.tool).toBe('kiosk-doctor');
    expect(report.mode).toBe('demo');
  });

  it('fails the missing reader, scanner and printer with reasons, and exits 1', () => {
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(byId(report, 'pcscd')).toMatchObject({ status: 'fail' });
    expect(byId(report, 'pcscd').detail).toContain('pcscd is not running');
    expect(byId(report, 'readers')).toMatchObject({ status: 'fail' });
    expect(byId(report, 'card').status).toBe('skip');
    expect(byId(report, 'card-read')).toMatchObject({ status: 'skip', detail: 'not asked (--read)' });
    expect(byId(report, 'qr-scanner').status).toBe('fail');
    expect(byId(report, 'qr-scanner').detail).toContain('is absent');
    expect(byId(report, 'printer')).toMatchObject({
      status: 'fail',
      data: { kind: 'escpos', condition: 'offline' },
    });
    expect(byId(report, 'printer').detail).toContain('not reachable');
  });

  it('finds the mock portal reachable, authenticated, with the clock skew from its Date header', () => {
    expect(byId(report, 'portal-reachable')).toMatchObject({ status: 'pass', data: { url: portal.url } });
    expect(byId(report, 'portal-auth')).toMatchObject({ status: 'pass', data: { clientId: 'kiosk-demo' } });
    const clock = byId(report, 'portal-clock');
    expect(clock.status).toBe('pass');
    expect(clock.data.serverDate).toMatch(/GMT$/);
    expect(Math.abs(clock.data.skewSeconds as number)).toBeLessThanOrEqual(SKEW_WARN_S);
    expect(byId(report, 'portal-tls')).toMatchObject({ status: 'skip' });
  });

  it('lists the bundled CSCA with its expiry', () => {
    const csca = byId(report, 'csca');
    expect(csca.status).toBe('pass');
    expect(csca.data.certificates).toEqual([
      expect.objectContaining({
        kind: 'csca',
        subject: expect.stringContaining('CN=CSCA Vietnam'),
        notAfter: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        daysLeft: expect.any(Number),
      }),
    ]);
  });

  it('gives the version and a configuration checksum without the secrets', () => {
    expect(byId(report, 'version').data.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(byId(report, 'config')).toMatchObject({
      status: 'pass',
      data: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(byId(report, 'config').data.excluded).toEqual(['staff.pinHash']);
    expect(report.checks.map((c) => c.id).every((id) => byId(report, id).durationMs >= 0)).toBe(true);
  });

  it('prints a table for people, with the same exit status', async () => {
    const out = await doctor(bare(), { KIOSK_PORTAL_CLIENT_SECRET: MOCK_CREDENTIALS.clientSecret }, []);
    expect(out.code).toBe(1);
    for (const id of CHECK_IDS) expect(out.stdout).toMatch(new RegExp(`^(OK|WARN|FAIL|--) +${id} `, 'm'));
    expect(out.stdout).toMatch(/FAIL +readers +no readers: pcscd is not running/);
  }, 120_000);
});

describe('kiosk doctor and the portal', () => {
  it('fails authentication with a wrong secret, with the reason', async () => {
    const out = await doctor(bare(), { KIOSK_PORTAL_CLIENT_SECRET: 'not-the-secret' });
    const r = DoctorReport.parse(JSON.parse(out.stdout));
    expect(byId(r, 'portal-reachable').status).toBe('pass');
    expect(byId(r, 'portal-auth')).toMatchObject({ status: 'fail', data: { code: 'portal-auth-failed' } });
    expect(byId(r, 'portal-auth').detail).toContain('refuses client kiosk-demo');
  }, 120_000);

  it('fails an unreachable portal and a missing URL in production, and a bad configuration, without crashing', async () => {
    const out = await doctor(
      bare({ portal: { url: 'http://127.0.0.1:9/', mock: false, clientId: 'kiosk-x' } }),
      {
        KIOSK_PORTAL_CLIENT_SECRET: 'x',
      },
    );
    const r = DoctorReport.parse(JSON.parse(out.stdout));
    expect(byId(r, 'portal-reachable').status).toBe('fail');
    expect(byId(r, 'portal-reachable').detail).toContain('cannot be reached');
    expect(byId(r, 'portal-clock').status).toBe('fail');

    const prod = DoctorReport.parse(
      JSON.parse((await doctor(bare({ mode: 'production', portal: {} }), {})).stdout),
    );
    expect(byId(prod, 'portal-reachable')).toMatchObject({
      status: 'fail',
      detail: 'portal.url is not configured',
    });

    const bad = await doctor({ mode: 'production', devices: { simulator: true } }, {});
    expect(bad.code).toBe(1);
    const b = DoctorReport.parse(JSON.parse(bad.stdout));
    expect(byId(b, 'config').status).toBe('fail');
    expect(byId(b, 'config').detail).toContain('devices.simulator is true');
  }, 180_000);
});

describe('kiosk doctor with a reader (isolated pcscd, simulator behind vpcd)', () => {
  let pcscd: IsolatedPcscd;
  let card: VirtualCard;

  beforeAll(async () => {
    pcscd = await startIsolatedPcscd();
    const profile = listProfiles().find((p) => p.id === 'cccd-2021-with-cmnd')!;
    card = await startVirtualCard({
      profile,
      vpcdSocket: pcscd.vpcdSockets[0],
      vpcdPort: pcscd.basePort,
      vpcdBasePort: pcscd.basePort,
    });
  }, 60_000);
  afterAll(async () => {
    await card?.stop();
    await pcscd?.stop();
  });

  it('demo: lists the reader, the ATR, and a test read selects the ID application', async () => {
    const out = await doctor(bare(), { PCSCLITE_CSOCK_NAME: pcscd.socketPath }, [
      '--json',
      '--read',
      '--wait',
      '20',
    ]);
    const r = DoctorReport.parse(JSON.parse(out.stdout));
    expect(byId(r, 'pcscd').status).toBe('pass');
    expect(byId(r, 'readers')).toMatchObject({ status: 'pass' });
    expect(byId(r, 'readers').detail).toContain('Virtual PCD 00 00');
    expect(byId(r, 'card')).toMatchObject({
      status: 'pass',
      data: { atr: expect.stringMatching(/^[0-9A-Fa-f]+$/) },
    });
    expect(byId(r, 'card-read')).toMatchObject({ status: 'pass', data: { sw: '9000' } });
    // Only verdicts and timings: nothing from the chip's data groups.
    expect(Object.keys(byId(r, 'card-read').data).sort()).toEqual(['connectMs', 'reader', 'selectMs', 'sw']);
  }, 120_000);

  it('production: the virtual reader is refused, with the reason', async () => {
    const out = await doctor(bare({ mode: 'production', portal: {} }), {
      PCSCLITE_CSOCK_NAME: pcscd.socketPath,
    });
    const r = DoctorReport.parse(JSON.parse(out.stdout));
    expect(byId(r, 'pcscd').status).toBe('pass');
    expect(byId(r, 'readers').status).toBe('fail');
    expect(byId(r, 'readers').detail).toContain('virtual (software) reader: refused in production mode');
    expect(byId(r, 'card').status).toBe('skip');
  }, 120_000);
});

describe("kiosk doctor with a serial QR scanner (the simulator's pseudo-terminal)", () => {
  it('--scan reports one scan by its length and verdict, never its content', async () => {
    const scanner = await startVirtualScanner();
    const profile = listProfiles().find((p) => p.qr)!;
    try {
      const running = doctor(
        bare({ devices: { scannerPath: scanner.path } }),
        { KIOSK_PORTAL_CLIENT_SECRET: MOCK_CREDENTIALS.clientSecret },
        ['--json', '--scan', '--wait', '30'],
      );
      // Scan until the doctor has answered (it opens the scanner only when it reaches that check): a scan
      // made before it listens is lost, so one more follows whenever no answer came within 300 ms.
      do await scanner.scan(profile.qr!, { eol: '\r\n' });
      while (!(await settlesWithin(running, 300)));
      const out = await running;
      const r = DoctorReport.parse(JSON.parse(out.stdout));
      expect(byId(r, 'qr-scanner')).toMatchObject({ status: 'pass', data: { path: scanner.path } });
      expect(byId(r, 'qr-scan')).toMatchObject({
        status: 'pass',
        data: { length: profile.qr!.length, verdict: 'a CCCD QR' },
      });
      expect(out.stdout).not.toContain(profile.qr!.split('|')[0]!);
    } finally {
      await scanner.stop();
    }
  }, 120_000);
});
