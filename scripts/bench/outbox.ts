/**
 * Outbox benchmark against the mock portal (own process, no faults):
 * - p95SubmitMs: local commit latency of `Outbox.submit` (encrypt + one SQLite transaction, synchronous=FULL)
 *   while the portal is down, building a backlog;
 * - drainPerSecond: dossiers delivered per second once the portal comes back (concurrency 4).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockPortal } from '../../host/portal/mock/start';
import { openPortalOutbox, temporaryResidenceSubmission } from '../../host/outbox/testing/portal-outbox';

const BACKLOG = 500;

export default async function (): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-outbox-'));
  const mock = await startMockPortal({ port: 0, dbPath: join(dir, 'portal.db') });
  const { store, outbox } = openPortalOutbox({
    dbPath: join(dir, 'kiosk.db'),
    keysPath: join(dir, 'keys', 'data.key'),
    portalUrl: mock.url,
    timeoutMs: 2000,
    concurrency: 4,
    backoff: { baseMs: 50, capMs: 200 },
    breaker: { failureThreshold: 3, openMs: 100 },
  });
  try {
    await mock.setFaults({ down: true });
    outbox.start();
    const submitMs: number[] = [];
    for (let i = 0; i < BACKLOG; i++) {
      const t0 = performance.now();
      outbox.submit(
        temporaryResidenceSubmission(
          { fullName: 'Nguyễn Văn Giả Lập', idNumber: '079099900271', phone: null },
          { i, address: 'Số 1 Phố Mẫu, Phường Thử Nghiệm, Thành phố Hà Nội' },
        ),
      );
      submitMs.push(performance.now() - t0);
    }
    submitMs.sort((a, b) => a - b);
    const p95SubmitMs = Number((submitMs[Math.floor(submitMs.length * 0.95)] ?? 0).toFixed(2));
    await outbox.stop();
    await mock.setFaults({});
    const t0 = performance.now();
    outbox.start();
    await outbox.idle();
    const seconds = (performance.now() - t0) / 1000;
    const delivered = (await mock.dossiers()).length;
    return {
      backlog: BACKLOG,
      delivered,
      drainPerSecond: Number((delivered / seconds).toFixed(1)),
      p95SubmitMs,
    };
  } finally {
    await outbox.stop();
    store.close();
    await mock.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
