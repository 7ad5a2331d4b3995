/**
 * One agency mock (host/agencies) in its own process.
 *   npm run -s agency:mock -- --agency <name> --port 8091 --records .kiosk-data/<name>-mock.json
 * Prints one JSON line `{"event":"ready","port":N}` when listening. See host/agencies/README.md.
 */
import { parseArgs } from 'node:util';
import { AGENCY_MOCKS } from '../host/agencies/mocks';

const { values } = parseArgs({
  options: {
    agency: { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    records: { type: 'string' },
  },
});

const make = values.agency ? AGENCY_MOCKS[values.agency] : undefined;
if (!make) {
  console.error(`--agency must be one of: ${Object.keys(AGENCY_MOCKS).join(', ')}`);
  process.exit(2);
}
const server = make({ recordsPath: values.records ?? `.kiosk-data/${values.agency}-mock.json` });
const port = await server.listen(Number(values.port), values.host);
console.log(JSON.stringify({ event: 'ready', port }));

const shutdown = () => {
  void server.close().finally(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
