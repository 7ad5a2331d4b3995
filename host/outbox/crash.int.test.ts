import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileKeyProvider } from '../store/keys';
import { KioskStore } from '../store/store';
import { scratchDir } from '../store/testing/test-helpers';
import { startMockPortal, type StartedMockPortal } from '../portal/mock/start';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COUNT = 50;
const TRIALS = 40;
const dir = scratchDir('crash-');
const db = join(dir.dir, 'kiosk.db');
const keys = join(dir.dir, 'keys', 'data.key');
let mock: StartedMockPortal;

/** Byte-scans the kiosk's database, WAL and SHM files for the fixture names, ID and phone numbers. */
function plaintextHits(): string[] {
  const citizens = (
    JSON.parse(readFileSync(join(ROOT, 'fixtures/portal/citizens.json'), 'utf8')) as {
      citizens: { fullName: string; idNumber: string; phone: string }[];
    }
  ).citizens;
  const needles = citizens
    .flatMap((c) => [c.fullName, c.fullName.normalize('NFD'), c.idNumber, c.phone])
    .map((x) => Buffer.from(x, 'utf8'));
  const files = [db, `${db}-wal`, `${db}-shm`].filter((f) => existsSync(f));
  expect(files.length).toBeGreaterThanOrEqual(1);
  const hits: string[] = [];
  for (const f of files) {
    const bytes = readFileSync(f);
    for (const n of needles) if (bytes.includes(n)) hits.push(`${f}: ${n.length} bytes`);
  }
  return hits;
}

/** Runs the driver; `killAfterMs` → SIGKILL that long after it reports `started`. */
function runDriver(killAfterMs: number | null): Promise<{ done: boolean; committed: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        driverBundle,
        '--fixtures',
        join(ROOT, 'fixtures/portal/citizens.json'),
        '--db',
        db,
        '--keys',
        keys,
        '--portal',
        mock.url,
        '--count',
        String(COUNT),
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let done = false;
    let committed = 0;
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = JSON.parse(line) as { event: string };
      if (m.event === 'started' && killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      if (m.event === 'committed') committed++;
      if (m.event === 'done') done = true;
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ done, committed });
      else reject(new Error(`driver exited ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

/**
 * The driver is bundled once with esbuild (better-sqlite3 and pino left external) so each of the 31 runs starts in
 * plain Node instead of paying the tsx loader's start-up; the bundle sits in node_modules/.cache so the
 * external package resolves.
 */
let driverBundle = '';

beforeAll(async () => {
  driverBundle = join(ROOT, 'node_modules', '.cache', `kiosk-crash-driver-${process.pid}.mjs`);
  await build({
    entryPoints: [join(ROOT, 'host/outbox/testing/crash-driver.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Native and CommonJS packages stay external (pino requires node:os dynamically, which ESM bundles cannot).
    external: ['better-sqlite3', 'pino'],
    outfile: driverBundle,
    logLevel: 'silent',
  });
  mock = await startMockPortal({ port: 0, dbPath: join(dir.dir, 'portal.db'), stepMs: 60_000 });
});
afterAll(async () => {
  await mock?.stop();
  dir.cleanup();
  rmSync(driverBundle, { force: true });
});

describe('crash consistency (SIGKILL at random moments while the portal misbehaves)', () => {
  it(`delivers each of ${COUNT} dossiers to the portal exactly once over ≥ 30 SIGKILLs and a final run`, async () => {
    // Three runs in four see the portal down (the driver is killed while backing off); every fourth sees it up
    // but misbehaving, so deliveries, dropped answers and duplicates are interrupted too.
    const faulty = {
      latencyMs: 3,
      errorRate: 0.15,
      timeoutRate: 0.03,
      dropAfterStoreRate: 0.2,
      duplicateRate: 0.1,
      expireSessionRate: 0.05,
    };
    let kills = 0;
    let midScanned = false;
    let killedWhileCommitting = 0;
    let killedWhileSending = 0;
    for (let t = 0; t < TRIALS; t++) {
      await mock.setFaults(t % 4 === 3 ? { ...faulty, seed: t } : { down: true });
      const r = await runDriver(Math.floor(Math.random() * 120));
      if (!midScanned && t % 4 !== 3 && r.committed > 0) {
        // Portal down and new dossiers committed: sealed payloads are on disk, not yet delivered or purged.
        const mid = KioskStore.open({ path: db, keys: new FileKeyProvider(keys) });
        const queued = mid.listOutbox(100_000).filter((x) => x.state === 'queued').length;
        mid.close();
        expect(queued).toBeGreaterThan(0);
        expect(plaintextHits()).toEqual([]);
        midScanned = true;
      }
      if (r.done) continue;
      kills++;
      if (r.committed > 0) killedWhileCommitting++;
      else killedWhileSending++;
    }
    expect(kills).toBeGreaterThanOrEqual(30);
    expect(killedWhileCommitting).toBeGreaterThan(0);
    expect(killedWhileSending).toBeGreaterThan(0);
    expect(midScanned).toBe(true);
    await mock.setFaults({ ...faulty, seed: 99 });
    const final = await runDriver(null);
    expect(final.done).toBe(true);

    const store = KioskStore.open({ path: db, keys: new FileKeyProvider(keys) });
    const local = store.listOutbox(100_000);
    store.close();
    expect(local).toHaveLength(COUNT);
    expect(new Set(local.map((r) => r.clientRef))).toEqual(
      new Set(Array.from({ length: COUNT }, (_, i) => `crash-${i}`)),
    );
    expect(local.every((r) => r.state === 'delivered' && r.purged)).toBe(true);

    const remote = await mock.dossiers();
    expect(remote).toHaveLength(COUNT);
    const byKey = new Map(remote.map((d) => [d.IdempotencyKey, d.MaHoSo]));
    expect(byKey.size).toBe(COUNT);
    for (const r of local) expect(byKey.get(r.idempotencyKey)).toBe(r.dossierCode);
    expect(new Set(remote.map((d) => d.MaHoSo)).size).toBe(COUNT);
    // The same key did reach the portal more than once (lost answers, kills after sending): deduplicated there.
    expect(remote.some((d) => d.requests > 1)).toBe(true);
  });

  it('leaves no personal data in clear in the database, WAL or SHM files after the full run', () => {
    expect(plaintextHits()).toEqual([]);
  });
});
