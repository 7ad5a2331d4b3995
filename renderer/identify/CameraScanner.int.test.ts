/**
 * CameraScanner in a real Chromium: the camera is a canvas stream showing the card's QR (getUserMedia is replaced
 * in the page), so the whole path runs — getUserMedia, video playback, ZXing decoding, the result callback, and
 * every track stopped afterwards. Also: permission refused → `qr-camera-denied`; unmounted while the camera is
 * still opening → the late stream is stopped.
 */
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/support/chromium';

const PAYLOAD = "001099012345||Nguyễn Văn An|15052002|Nam|Xã Quảng Phú, Huyện Cư M'gar, Đắk Lắk|20042021";

const HARNESS = `
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CameraScanner } from './CameraScanner';

type Mode = 'qr' | 'denied' | 'slow';
const w = window as unknown as {
  __mode: Mode; __qr: boolean[][]; __streams: MediaStream[]; __results: string[]; __errors: string[];
  __releaseSlow?: () => void; __unmount?: () => void;
};
w.__streams = []; w.__results = []; w.__errors = [];

function canvasStream(): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = 480; canvas.height = 480;
  const ctx = canvas.getContext('2d')!;
  const modules = w.__qr;
  const scale = Math.floor(480 / (modules.length + 8));
  const offset = Math.floor((480 - modules.length * scale) / 2);
  const draw = () => {
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, 480, 480); ctx.fillStyle = '#000';
    modules.forEach((row, r) => row.forEach((on, c) => { if (on) ctx.fillRect(offset + c * scale, offset + r * scale, scale, scale); }));
  };
  draw(); setInterval(draw, 50);
  const stream = canvas.captureStream(20);
  w.__streams.push(stream);
  return stream;
}

navigator.mediaDevices.getUserMedia = async () => {
  if (w.__mode === 'denied') throw new DOMException('Permission denied', 'NotAllowedError');
  if (w.__mode === 'slow') {
    await new Promise<void>((resolve) => { w.__releaseSlow = resolve; });
  }
  return canvasStream();
};

function Harness() {
  const [shown, setShown] = useState(true);
  w.__unmount = () => setShown(false);
  return shown ? (
    <CameraScanner
      guidance="Đưa mã QR vào khung"
      onResult={(p) => w.__results.push(p)}
      onError={(c) => w.__errors.push(c)}
    />
  ) : <p id="gone">gone</p>;
}
createRoot(document.getElementById('root')!).render(<Harness />);
`;

let browser: Browser;
let js = '';
let qrModules: boolean[][] = [];

async function openPage(mode: 'qr' | 'denied' | 'slow'): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(([m, qr]) => Object.assign(window, { __mode: m, __qr: qr }), [
    mode,
    qrModules,
  ] as const);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // Served from http://localhost (a secure context, like the kiosk's renderer) so navigator.mediaDevices exists.
  await page.route('http://localhost/**', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><html><body><div id="root"></div></body></html>',
    }),
  );
  await page.goto('http://localhost/harness');
  await page.addScriptTag({ content: js });
  return page;
}

const trackStates = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __streams: MediaStream[] }).__streams.flatMap((s) =>
      s.getTracks().map((t) => t.readyState),
    ),
  );

describe('CameraScanner in Chromium', () => {
  beforeAll(async () => {
    const qr = QRCode.create(PAYLOAD, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    qrModules = Array.from({ length: n }, (_, r) =>
      Array.from({ length: n }, (_, c) => !!qr.modules.get(r, c)),
    );
    const bundle = await build({
      stdin: { contents: HARNESS, resolveDir: import.meta.dirname, loader: 'tsx', sourcefile: 'harness.tsx' },
      bundle: true,
      write: false,
      format: 'iife',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    js = bundle.outputFiles[0]?.text ?? '';
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('decodes the Vietnamese payload from the live video once, then stops every track', async () => {
    const page = await openPage('qr');
    await page.waitForFunction(
      () => (window as unknown as { __results: string[] }).__results.length > 0,
      null,
      {
        timeout: 30_000,
      },
    );
    expect(await page.evaluate(() => (window as unknown as { __results: string[] }).__results)).toEqual([
      PAYLOAD,
    ]);
    expect(await trackStates(page)).toEqual(['ended']);
    expect(await page.evaluate(() => document.querySelector('video')?.srcObject ?? null)).toBeNull();
    await page.close();
  });

  it('permission refused → onError("qr-camera-denied")', async () => {
    const page = await openPage('denied');
    await page.waitForFunction(() => (window as unknown as { __errors: string[] }).__errors.length > 0);
    expect(await page.evaluate(() => (window as unknown as { __errors: string[] }).__errors)).toEqual([
      'qr-camera-denied',
    ]);
    await page.close();
  });

  it('unmounted while the camera is still opening → the late stream is stopped, nothing reported', async () => {
    const page = await openPage('slow');
    await page.waitForFunction(
      () => typeof (window as unknown as { __releaseSlow?: unknown }).__releaseSlow === 'function',
    );
    await page.evaluate(() => (window as unknown as { __unmount: () => void }).__unmount());
    await page.waitForSelector('#gone');
    await page.evaluate(() => (window as unknown as { __releaseSlow: () => void }).__releaseSlow());
    await page.waitForFunction(
      () => (window as unknown as { __streams: MediaStream[] }).__streams.length === 1,
    );
    await page.waitForFunction(() =>
      (window as unknown as { __streams: MediaStream[] }).__streams.every((s) =>
        s.getTracks().every((t) => t.readyState === 'ended'),
      ),
    );
    expect(await trackStates(page)).toEqual(['ended']);
    expect(await page.evaluate(() => (window as unknown as { __errors: string[] }).__errors)).toEqual([]);
    await page.close();
  });
});
