/**
 * Crash-consistency driver (run as a child process by crash.int.test.ts; killed with SIGKILL at random).
 * Opens the store and outbox, submits dossiers `crash-0 … crash-(N-1)` that are not yet committed (found by
 * client reference), then sends until the queue is empty and prints `{"event":"done"}`.
 *   node --import tsx host/outbox/crash-driver.ts --db D --keys K --portal URL --count 50
 * Lines on stdout: {"event":"started"}, {"event":"committed","i":n}, {"event":"done","delivered":n}.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { HttpPortalAdapter } from '../portal/http-adapter';
import { MOCK_CREDENTIALS } from '../portal/mock/server';
import { FileKeyProvider } from '../store/keys';
import { KioskStore } from '../store/store';
import { Outbox } from './outbox';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    keys: { type: 'string' },
    portal: { type: 'string' },
    count: { type: 'string', default: '50' },
    'gap-ms': { type: 'string', default: '2' },
    fixtures: { type: 'string' },
  },
});
if (!values.db || !values.keys || !values.portal)
  throw new Error('usage: --db PATH --keys PATH --portal URL [--count N]');

const citizens = (
  JSON.parse(
    readFileSync(values.fixtures ?? new URL('../../fixtures/portal/citizens.json', import.meta.url), 'utf8'),
  ) as {
    citizens: { fullName: string; idNumber: string; phone: string }[];
  }
).citizens;

const out = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const store = KioskStore.open({ path: values.db, keys: new FileKeyProvider(values.keys) });
const portal = new HttpPortalAdapter({
  baseUrl: values.portal,
  ...MOCK_CREDENTIALS,
  timeoutMs: 250,
});
const outbox = new Outbox({
  store,
  portal,
  concurrency: 4,
  backoff: { baseMs: 10, capMs: 80 },
  breaker: { failureThreshold: 5, openMs: 40 },
});
out({ event: 'started' });
outbox.start();

const count = Number(values.count);
const gap = Number(values['gap-ms']);
for (let i = 0; i < count; i++) {
  const clientRef = `crash-${i}`;
  if (store.findOutbox({ clientRef })) continue;
  const c = citizens[i % citizens.length]!;
  outbox.submit({
    clientRef,
    serviceId: 'temporary-residence',
    feePaid: true,
    dossier: {
      procedureCode: '1.004194',
      procedureName: 'Đăng ký tạm trú',
      receivingAgency: { code: '000.30.01.H22', name: 'Công an phường Mẫu Một (mô phỏng)' },
      fieldCode: 'CU_TRU',
      applicant: { fullName: c.fullName, idNumber: c.idNumber, phone: c.phone, email: null, kind: 'citizen' },
      summary: 'Đăng ký tạm trú',
      appointmentAt: null,
      channel: 'in-person',
      fees: [{ name: 'Lệ phí đăng ký tạm trú', code: 'LP-TT', amountVnd: 15000 }],
      documents: [{ title: 'Tờ khai CT01', code: 'ct01' }],
      answers: { i, holder: c.fullName, id: c.idNumber },
    },
  });
  out({ event: 'committed', i });
  if (gap > 0) await new Promise((r) => setTimeout(r, gap));
}
await outbox.idle();
await outbox.stop();
const delivered = store.listOutbox(100_000).filter((r) => r.state === 'delivered').length;
store.close();
out({ event: 'done', delivered });
