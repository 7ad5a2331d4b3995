/**
 * The kiosk host as a Node process (browser mode, dev, e2e): KioskApi over a loopback WebSocket
 * and the built renderer over HTTP. Prints ONE JSON line when ready:
 *   {"event":"ready","url":"http://127.0.0.1:PORT/bootstrap?code=…","port":PORT,"mode":"demo"|"production",…}
 * The URL carries a ONE-TIME code (exchanged for an HttpOnly cookie), never the session secret.
 * Flags: --port N  --renderer-dir DIR  --data-dir DIR  --demo  --no-devices  --simulator  --vpcd-port N
 *        --vpcd-socket-dir DIR (an isolated pcscd's vpcd bridges, with PCSCLITE_CSOCK_NAME: tests)
 *        --ui-socket PATH (or KIOSK_UI_SOCKET; the installed kiosk): one-time URLs for the screen come from this
 *        Unix socket (host/systemd/ui-socket.ts) and the ready line's `url` is null, so no code reaches the journal.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from './config/config';
import { startKioskHost } from './start-host';
import { sdNotifier } from './systemd/sd-notify';
import { serveUiSocket } from './systemd/ui-socket';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'renderer-dir': { type: 'string' },
    'data-dir': { type: 'string' },
    demo: { type: 'boolean' },
    'no-devices': { type: 'boolean' },
    simulator: { type: 'boolean' },
    'vpcd-port': { type: 'string' },
    'vpcd-socket-dir': { type: 'string' },
    'ui-socket': { type: 'string' },
  },
});

const overrides: Record<string, unknown> = {};
if (values['renderer-dir']) overrides.rendererDir = values['renderer-dir'];
if (values['data-dir']) overrides.dataDir = values['data-dir'];
if (values.demo) overrides.mode = 'demo';
if (values['no-devices'] || values.simulator || values['vpcd-port']) {
  const port = values['vpcd-port'] ? Number(values['vpcd-port']) : 35963;
  overrides.devices = {
    enabled: !values['no-devices'],
    simulator: values.simulator ? true : 'auto',
    scannerPath: 'auto',
    vpcdPort: port,
    vpcdBasePort: port,
    allowedReaders: ['.*'],
    vpcdSocketDir: values['vpcd-socket-dir'] ?? null,
  };
}
if (values.port) overrides.http = { host: '127.0.0.1', port: Number(values.port) };

try {
  const config = loadConfig(overrides);
  const running = await startKioskHost(config);
  const uiSocketPath = values['ui-socket'] ?? process.env.KIOSK_UI_SOCKET;
  const uiSocket = uiSocketPath ? await serveUiSocket(uiSocketPath, () => running.bootstrapUrl()) : null;
  // The mock portal's address is printed so a technician (or a test) can inject faults through its admin API.
  const ready = {
    event: 'ready',
    url: uiSocket ? null : running.bootstrapUrl(),
    port: running.port,
    mode: config.mode,
    mockPortal: running.mockPortal?.url ?? null,
  };
  process.stdout.write(JSON.stringify(ready) + '\n');
  // Under systemd (kiosk-host.service, Type=notify): READY=1 now, then the watchdog while the event loop runs.
  const systemd = sdNotifier();
  await systemd?.ready(`serving on 127.0.0.1:${running.port} (${config.mode})`);
  const stop = async (): Promise<void> => {
    await systemd?.stopping();
    await uiSocket?.close();
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
} catch (e) {
  const err = e as { code?: string; message?: string };
  process.stdout.write(
    JSON.stringify({ error: { code: err.code ?? 'host-start-failed', message: err.message ?? String(e) } }) +
      '\n',
  );
  process.exit(1);
}
