/**
 * Outbox benchmark against the mock portal (own process, no faults):
 * - p95SubmitMs: local commit latency of `Outbox.submit` (encrypt + one SQLite transaction, synchronous=FULL)
 *   while the portal is down, building a backlog;
 * - drainPerSecond: dossiers delivered per second once the portal comes back (concurrency 4).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Outbox } from '../../host/outbox/outbox';
import { HttpPortalAdapter } from '../../host/portal/http-adapter';
import { MOCK_CREDENTIALS } from '../../host/portal/mock/server';
import { startMockPortal } from '../../host/portal/mock/start';
import { FileKeyProvider } from '../../host/store/keys';
import { KioskStore } from '../../host/store/store';

const BACKLOG = 500;

export default async function (): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-outbox-'));
  const mock = await startMockPortal({ port: 0, dbPath: join(dir, 'portal.db') });
  const store = KioskStore.open({
    path: join(dir, 'kiosk.db'),
    keys: new FileKeyProvider(join(dir, 'keys', 'data.key')),
  });
  const portal = new HttpPortalAdapter({
    baseUrl: mock.url,
    ...MOCK_CREDENTIALS,
    timeoutMs: 2000,
  });
  const outbox = new Outbox({
    store,
    portal,
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
      outbox.submit({
        serviceId: 'temporary-residence',
        feePaid: true,
        dossier: {
          procedureCode: '1.004194',
          procedureName: 'Đăng ký tạm trú',
          receivingAgency: { code: '000.30.01.H22', name: 'Công an phường Mẫu Một (mô phỏng)' },
          fieldCode: 'CU_TRU',
          applicant: {
            fullName: 'Nguyễn Văn Giả Lập',
            idNumber: '079099900271',
            phone: null,
            email: null,
            kind: 'citizen',
          },
          summary: 'Đăng ký tạm trú',
          appointmentAt: null,
          channel: 'in-person',
          fees: [{ name: 'Lệ phí', code: 'LP-TT', amountVnd: 15000 }],
          documents: [{ title: 'Tờ khai CT01', code: 'ct01' }],
          answers: { i, address: 'Số 1 Phố Mẫu, Phường Thử Nghiệm, Thành phố Hà Nội' },
        },
      });
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
