/**
 * useWedgeScanner in a real Chromium (Debian's /usr/bin/chromium, driven by playwright-core over CDP): a scan
 * typed by a keyboard-wedge scanner into a focused, React-controlled field never stays in the field and its Enter
 * never submits the form; human typing does both.
 *
 * Keys are injected with `Input.dispatchKeyEvent` and an explicit `timestamp`, which Chromium uses as
 * `KeyboardEvent.timeStamp` — the same thing a real USB scanner gives (OS input time), independent of how fast
 * the test machine delivers the events.
 */
import { build } from 'esbuild';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/support/chromium';

const PAYLOAD = '001099012345||NGUYEN VAN AN|15052002|Nam|Xa Quang Phu, Dak Lak|20042021';

// burstIdleMs is raised so that a slow, loaded test machine pausing event delivery never ends a burst early.
const HARNESS = `
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useWedgeScanner } from './useWedgeScanner';
function Harness() {
  const [value, setValue] = useState('');
  const [scans, setScans] = useState<string[]>([]);
  const [submits, setSubmits] = useState(0);
  useWedgeScanner((payload) => setScans((s) => [...s, payload]), { burstIdleMs: 5000 });
  return (
    <form onSubmit={(e) => { e.preventDefault(); setSubmits((n) => n + 1); }}>
      <input id="field" value={value} onChange={(e) => setValue(e.target.value)} />
      <output id="state">{value}</output>
      <output id="scans">{JSON.stringify(scans)}</output>
      <output id="submits">{submits}</output>
    </form>
  );
}
createRoot(document.getElementById('root')!).render(<Harness />);
`;

let browser: Browser;
let page: Page;
let cdp: CDPSession;
/** Event time, seconds since the epoch; advanced by every key sent. */
let clock = 0;

async function text(selector: string): Promise<string> {
  return (await page.textContent(selector)) ?? '';
}

/** Type `keys` with `gapMs` between key presses (in event time). */
async function typeKeys(keys: string[], gapMs: number): Promise<void> {
  for (const key of keys) {
    clock += gapMs / 1000;
    const enter = key === 'Enter';
    const down = enter
      ? { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' }
      : { key, text: key };
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', timestamp: clock, ...down });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', timestamp: clock + 0.002, key: down.key });
  }
}

async function scansCount(n: number): Promise<void> {
  await page.waitForFunction(
    (count) => JSON.parse(document.getElementById('scans')?.textContent ?? '[]').length === count,
    n,
  );
}

describe('useWedgeScanner in Chromium', () => {
  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: HARNESS, resolveDir: import.meta.dirname, loader: 'tsx', sourcefile: 'harness.tsx' },
      bundle: true,
      write: false,
      format: 'iife',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    });
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><body><div id="root"></div></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
    await page.waitForSelector('#field');
    cdp = await page.context().newCDPSession(page);
    clock = Date.now() / 1000;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a fast burst ending in Enter becomes a scan; nothing stays in the field, the form is not submitted', async () => {
    await page.focus('#field');
    await typeKeys([...PAYLOAD, 'Enter'], 8);
    await scansCount(1);
    expect(JSON.parse(await text('#scans'))).toEqual([PAYLOAD]);
    expect(await page.inputValue('#field')).toBe('');
    expect(await text('#state')).toBe('');
    expect(await text('#submits')).toBe('0');
  });

  it('a scan after the citizen typed something keeps only what they typed', async () => {
    await page.focus('#field');
    await typeKeys([...'Ha Noi'], 150);
    clock += 0.5;
    await typeKeys([...PAYLOAD.replace('AN', 'BA'), 'Enter'], 12);
    await scansCount(2);
    expect(JSON.parse(await text('#scans'))[1]).toBe(PAYLOAD.replace('AN', 'BA'));
    expect(await page.inputValue('#field')).toBe('Ha Noi');
    expect(await text('#state')).toBe('Ha Noi');
    expect(await text('#submits')).toBe('0');
  });

  it('human typing (≥ 80 ms between keys) goes into the field, Enter submits, no scan', async () => {
    await page.fill('#field', '');
    await page.focus('#field');
    clock += 1;
    const typed = '0123456789012345678901';
    await typeKeys([...typed, 'Enter'], 85);
    await page.waitForFunction(() => document.getElementById('submits')?.textContent === '1');
    expect(await page.inputValue('#field')).toBe(typed);
    expect(JSON.parse(await text('#scans'))).toHaveLength(2);
  });
});
