/**
 * Mock queue centre (a centre's shared queue-number system) in its own process.
 *   npm run -s queue:mock -- --port 8091 [--token SECRET]
 * Prints one JSON line `{"event":"ready","port":N}` when listening. See host/queue/README.md.
 */
import { parseArgs } from 'node:util';
import { MockQueueCentre } from '../host/queue/mock/server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8091' },
    host: { type: 'string', default: '127.0.0.1' },
    token: { type: 'string' },
  },
});

const centre = new MockQueueCentre({ token: values.token ?? null });
const port = await centre.listen(Number(values.port), values.host);
console.log(JSON.stringify({ event: 'ready', port }));

const shutdown = () => {
  void centre.close().finally(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
