/** Round-trip latency of KioskApi over the loopback WebSocket (the browser-mode transport). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { loadConfig } from '../../host/config/config';
import { redeemBootstrap } from '../../host/api/ws-transport';
import { startKioskHost } from '../../host/start-host';

export default async function (): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-bench-'));
  const running = await startKioskHost(
    loadConfig(
      {
        dataDir,
        rendererDir: dataDir,
        devices: {
          enabled: false,
          simulator: false,
          scannerPath: null,
          vpcdPort: 35963,
          vpcdBasePort: 35963,
        },
      },
      {},
    ),
    // The transport's per-connection rate limit would answer most of these calls `rate-limited`: lifted here,
    // so the figure is the round trip of a call the host really handles.
    { speech: null, limits: { burst: 1e9, perSecond: 1e9 } },
  );
  const cookie = await redeemBootstrap(running.bootstrapUrl());
  const ws = new WebSocket(`ws://127.0.0.1:${running.port}/api`, {
    origin: `http://127.0.0.1:${running.port}`,
    headers: { cookie },
  });
  await new Promise((r) => ws.once('open', r));
  const n = 2000;
  const times: number[] = [];
  let failed = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      ws.once('message', (d) => {
        if (!(JSON.parse(d.toString()) as { ok?: boolean }).ok) failed++;
        resolve();
      });
      ws.send(JSON.stringify({ v: 1, id: i, method: 'status.get', params: {} }));
    });
    times.push(performance.now() - t0);
  }
  if (failed > 0) throw new Error(`host-api bench: ${failed} calls failed`);
  ws.close();
  await running.stop();
  times.sort((a, b) => a - b);
  const q = (p: number): number => Number(times[Math.floor(p * (times.length - 1))]!.toFixed(3));
  return { calls: n, msMedian: q(0.5), msP95: q(0.95), msP99: q(0.99), unit: 'ms per round trip' };
}
