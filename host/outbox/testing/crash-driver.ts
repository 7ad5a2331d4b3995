/**
 * Crash-consistency driver (run as a child process by crash.int.test.ts; killed with SIGKILL at random).
 * Opens the store and outbox, submits dossiers `crash-0 … crash-(N-1)` that are not yet committed (found by
 * client reference), then sends until the queue is empty and prints `{"event":"done"}`.
 *   node --import tsx host/outbox/testing/crash-driver.ts --db D --keys K --portal URL --count 50
 * Lines on stdout: {"event":"started"}, {"event":"committed","i":n}, {"event":"done","delivered":n}.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openPortalOutbox, temporaryResidenceSubmission } from './portal-outbox';

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
    readFileSync(
      values.fixtures ?? new URL('../../../fixtures/portal/citizens.json', import.meta.url),
      'utf8',
    ),
  ) as {
    citizens: { fullName: string; idNumber: string; phone: string }[];
  }
).citizens;

const out = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const { store, outbox } = openPortalOutbox({
  dbPath: values.db,
  keysPath: values.keys,
  portalUrl: values.portal,
  timeoutMs: 250,
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
  outbox.submit(
    temporaryResidenceSubmission(
      { fullName: c.fullName, idNumber: c.idNumber, phone: c.phone },
      { i, holder: c.fullName, id: c.idNumber },
      clientRef,
    ),
  );
  out({ event: 'committed', i });
  if (gap > 0) await new Promise((r) => setTimeout(r, gap));
}
await outbox.idle();
await outbox.stop();
const delivered = store.listOutbox(100_000).filter((r) => r.state === 'delivered').length;
store.close();
out({ event: 'done', delivered });
