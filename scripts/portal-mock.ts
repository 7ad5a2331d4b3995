/**
 * Mock provincial TTHC system (behind an LGSP-style gateway: OAuth2 client credentials) in its own process.
 *   npm run -s portal:mock -- --port 8090 --db .kiosk-data/portal-mock.db [--step-ms 60000] [--token-ttl-ms 1800000]
 * Prints one JSON line `{"event":"ready","port":N}` when listening. See host/portal/README.md.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { MockPortal } from '../host/portal/mock/server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8090' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string', default: '.kiosk-data/portal-mock.db' },
    'step-ms': { type: 'string' },
    'token-ttl-ms': { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
  },
});

mkdirSync(dirname(values.db), { recursive: true });
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const portal = new MockPortal({
  dbPath: values.db,
  stepMs: num(values['step-ms']),
  tokenTtlMs: num(values['token-ttl-ms']),
  clientId: values['client-id'],
  clientSecret: values['client-secret'],
});
const port = await portal.listen(Number(values.port), values.host);
console.log(JSON.stringify({ event: 'ready', port }));

const shutdown = () => {
  void portal.close().finally(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
