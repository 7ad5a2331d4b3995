/**
 * One composition root, two transports: a whole dossier — consent, the card's QR through the (virtual) serial
 * scanner, the chip read through an isolated pcscd + vpcd + the reader simulator, "Is this you?", submission
 * into the encrypted store and outbox, delivery to the mock national portal in its own process — driven
 * through Electron's IPC path (Electron substituted, every service real) and through the WebSocket path.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { IPC_CHANNELS } from '../common/api/wire';
import { redeemBootstrap } from '../host/api/ws-transport';
import { type KioskConfig, loadConfig } from '../host/config/config';
import { startKioskServices } from '../host/kiosk-services';
import { startKioskHost } from '../host/start-host';
import { filledForms } from '../tests/support/filled-forms';
import { type IsolatedPcscd, startIsolatedPcscd } from '../host/devices/isolated-pcscd';
import { fakeElectron } from './testing/fake-electron';
import { startKioskApp } from './kiosk-app';

const PROFILE = 'cccd-2021-with-cmnd';
let pcscd: IsolatedPcscd;

beforeAll(async () => {
  pcscd = await startIsolatedPcscd();
  process.env.PCSCLITE_CSOCK_NAME = pcscd.socketPath;
});
afterAll(async () => {
  await pcscd?.stop();
});

function demoConfig(): KioskConfig {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-journey-'));
  return loadConfig(
    {
      dataDir,
      rendererDir: dataDir,
      mode: 'demo',
      devices: {
        enabled: true,
        simulator: true,
        scannerPath: 'auto',
        vpcdPort: pcscd.basePort,
        vpcdBasePort: pcscd.basePort,
        allowedReaders: ['.*'],
        vpcdSocketDir: pcscd.dir,
      },
    },
    {},
  );
}

interface Driver {
  call(method: string, params?: unknown): Promise<Record<string, unknown>>;
  event(
    name: string,
    accept?: (payload: Record<string, unknown>) => boolean,
  ): Promise<Record<string, unknown>>;
}

/** Events as they arrive, with waiters; nothing is missed between a call and its wait. */
function eventLog() {
  const seen: { name: string; payload: Record<string, unknown> }[] = [];
  const waiters: (() => void)[] = [];
  return {
    push(name: string, payload: Record<string, unknown>) {
      seen.push({ name, payload });
      for (const w of waiters.splice(0)) w();
    },
    async wait(name: string, accept: (p: Record<string, unknown>) => boolean = () => true) {
      for (;;) {
        const hit = seen.find((e) => e.name === name && accept(e.payload));
        if (hit) return hit.payload;
        await new Promise<void>((r) => waiters.push(r));
      }
    },
    names: () => seen.map((e) => e.name),
  };
}

/** The citizen's journey, the same for both transports. */
async function submitDossier(d: Driver): Promise<Record<string, unknown>> {
  expect(await d.call('kiosk.hello')).toMatchObject({ demoMode: true });
  await d.call('session.start', { language: 'vi' });
  await d.call('session.consent', { granted: true });
  await d.call('simulator.showQr', { profileId: PROFILE });
  await d.event('identify.qr');
  await d.call('simulator.insertCard', { profileId: PROFILE, faults: [] });
  const identity = await d.event('identify.identity');
  expect(identity).toMatchObject({ identity: { fullName: 'Nguyễn Thị Hồng Nhung' } });
  expect(await d.event('identify.verified')).toMatchObject({ decision: 'accept' });
  const receipt = await d.call('dossier.submit', {
    serviceId: 'temporary-residence',
    forms: filledForms('temporary-residence'),
  });
  await d.call('session.end', { reason: 'done' });
  return receipt;
}

describe('the same composition root behind both transports', () => {
  it('Electron IPC: a dossier from consent to the portal', async () => {
    const f = fakeElectron();
    const app = (await startKioskApp(f.electron, {
      config: demoConfig(),
      rendererIndex: '/opt/kiosk/dist/renderer/index.html',
      preloadPath: '/opt/kiosk/dist/electron/preload.cjs',
      startServices: (c) => startKioskServices(c, { speech: null }),
    }))!;
    try {
      const log = eventLog();
      // Events reach the renderer window through webContents.send (the preload's channel).
      f.sends.on('send', (channel: string, msg: { event: string; payload: Record<string, unknown> }) => {
        if (channel === IPC_CHANNELS.event) log.push(msg.event, msg.payload);
      });
      const handle = f.handlers.get(IPC_CHANNELS.call)!;
      let id = 0;
      const d: Driver = {
        async call(method, params = {}) {
          const res = (await handle(
            { senderFrame: { url: 'file:///opt/kiosk/dist/renderer/index.html' } },
            { v: 1, id: ++id, method, params },
          )) as { ok: boolean; result?: Record<string, unknown>; error?: unknown };
          if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
          return res.result!;
        },
        event: (name, accept) => log.wait(name, accept),
      };
      const receipt = await submitDossier(d);
      expect(receipt).toMatchObject({ localRef: expect.any(String), procedureCode: '1.004194' });
      expect(receipt.dossierCode).toMatch(/^\d{3}\.\d{2}\.\d{2}\.H22-\d{6}-\d{4}$/);
      const atPortal = await app.services.mockPortal!.dossiers();
      expect(atPortal.map((x) => x.MaHoSo)).toContain(receipt.dossierCode);
    } finally {
      await app.services.stop();
    }
  });

  it('WebSocket: the same journey through host/start-host.ts', async () => {
    const config = demoConfig();
    writeFileSync(path.join(config.rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
    const running = await startKioskHost(config, { speech: null });
    try {
      const cookie = await redeemBootstrap(running.bootstrapUrl());
      const ws = new WebSocket(`ws://127.0.0.1:${running.port}/api`, {
        origin: `http://127.0.0.1:${running.port}`,
        headers: { cookie },
      });
      await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
      const log = eventLog();
      const pending = new Map<number, (m: Record<string, unknown>) => void>();
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as Record<string, unknown>;
        if (typeof m.event === 'string') log.push(m.event, m.payload as Record<string, unknown>);
        else pending.get(m.id as number)?.(m);
      });
      let id = 0;
      const d: Driver = {
        call: (method, params = {}) =>
          new Promise((resolve, reject) => {
            const n = ++id;
            pending.set(n, (m) => {
              pending.delete(n);
              if (m.ok) resolve(m.result as Record<string, unknown>);
              else reject(new Error(`${method}: ${JSON.stringify(m.error)}`));
            });
            ws.send(JSON.stringify({ v: 1, id: n, method, params }));
          }),
        event: (name, accept) => log.wait(name, accept),
      };
      const receipt = await submitDossier(d);
      expect(receipt.dossierCode).toMatch(/^\d{3}\.\d{2}\.\d{2}\.H22-\d{6}-\d{4}$/);
      expect((await running.mockPortal!.dossiers()).map((x) => x.MaHoSo)).toContain(receipt.dossierCode);
      ws.close();
    } finally {
      await running.stop();
    }
  });
});
