/**
 * The keyboard in Debian's Chromium (as the kiosk runs it): a controlled <input> and the keyboard,
 * bundled with esbuild, driven with real pointer clicks through playwright-core.
 */
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/support/chromium';

const HARNESS = `
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { OnScreenKeyboard } from './OnScreenKeyboard';
import { useComposerField } from './useComposerField';
import './keyboard.css';

function App() {
  const layout = (new URLSearchParams(location.hash.slice(1)).get('layout') ?? 'text');
  const [value, setValue] = useState('');
  const [method, setMethod] = useState('telex');
  const [done, setDone] = useState(0);
  const physical = useComposerField({ value, onChange: setValue, method: layout === 'text' ? method : 'off' });
  return (
    <div>
      <input id="field" autoFocus value={value} onChange={(e) => setValue(e.target.value)} onKeyDown={physical.onKeyDown} />
      <output id="done">{done}</output>
      <OnScreenKeyboard
        layout={layout}
        value={value}
        onChange={setValue}
        method={method}
        onMethodChange={setMethod}
        onDone={() => setDone((n) => n + 1)}
        extraKeys={['/']}
        labels={{ done: 'Xong', space: 'Dấu cách', backspace: 'Xoá', shift: 'Chữ hoa',
          methodNames: { telex: 'Telex', vni: 'VNI', off: 'ABC' } }}
      />
    </div>
  );
}
createRoot(document.getElementById('root')).render(<App />);
`;

let browser: Browser;
let page: Page;
let html = '';

beforeAll(async () => {
  const result = await build({
    stdin: { contents: HARNESS, loader: 'tsx', resolveDir: import.meta.dirname, sourcefile: 'harness.tsx' },
    bundle: true,
    write: false,
    outdir: 'out',
    jsx: 'automatic',
    format: 'iife',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'))!.text;
  html = `<!doctype html><html lang="vi"><meta charset="utf-8"><style>${css}</style><body><div id="root"></div><script>${js.replace(/<\/script/g, '<\\/script')}</script></body></html>`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
});

afterAll(async () => {
  await browser?.close();
});

async function open(layout: string): Promise<void> {
  await page.goto(`about:blank#layout=${layout}`);
  await page.setContent(html);
  await page.locator('#field').focus();
}

async function tap(...keys: string[]): Promise<void> {
  for (const key of keys) await page.click(`[data-key="${key}"]`);
}

const field = (): Promise<string> => page.locator('#field').inputValue();
const focused = (): Promise<string | undefined> => page.evaluate(() => document.activeElement?.id);

describe('OnScreenKeyboard in Chromium', () => {
  it('types "Nguyễn Thị Hương" with Telex, and the field keeps the focus', async () => {
    await open('text');
    await tap('shift', 'n', 'g', 'u', 'y', 'e', 'e', 'n', 'x', 'space');
    await tap('shift', 't', 'h', 'i', 'j', 'space');
    await tap('shift', 'h', 'u', 'w', 'o', 'w', 'n', 'g');
    expect(await field()).toBe('Nguyễn Thị Hương');
    expect(await focused()).toBe('field');
    await tap('backspace', 'backspace');
    expect(await field()).toBe('Nguyễn Thị Hươ');
    await tap('done');
    expect(await page.locator('#done').textContent()).toBe('1');
  });

  it('types "Nguyễn Thị Hương" with VNI after switching method', async () => {
    await open('text');
    await tap('method-vni');
    expect(await page.getAttribute('[data-key="method-vni"]', 'aria-pressed')).toBe('true');
    await tap('shift', 'n', 'g', 'u', 'y', 'e', '6', '4', 'n', 'space');
    await tap('shift', 't', 'h', 'i', '5', 'space');
    await tap('shift', 'h', 'u', '7', 'o', '7', 'n', 'g');
    expect(await field()).toBe('Nguyễn Thị Hương');
  });

  it('quick vowels and the tone row work without knowing Telex (method ABC)', async () => {
    await open('text');
    await tap(
      'method-off',
      'shift',
      'n',
      'g',
      'u',
      'y',
      'ê',
      'tone-nga',
      'n',
      'space',
      'shift',
      'h',
      'ư',
      'ơ',
      'n',
      'g',
    );
    expect(await field()).toBe('Nguyễn Hương');
  });

  it('shift: once for one letter, twice locks', async () => {
    await open('text');
    await tap('method-off', 'shift', 'a', 'b', 'shift', 'shift', 'c', 'đ', 'shift', 'e');
    expect(await field()).toBe('AbCĐe');
  });

  it('a physical keyboard on the field also goes through Telex', async () => {
    await open('text');
    await page.locator('#field').pressSequentially('Vieetj Nam');
    expect(await field()).toBe('Việt Nam');
  });

  it('numeric, phone and email layouts type as they are', async () => {
    await open('numeric');
    await tap('1', '2', '/', '0', '3');
    expect(await field()).toBe('12/03');
    await open('phone');
    await tap('+', '8', '4', '9', '0');
    expect(await field()).toBe('+8490');
    await open('email');
    await tap('a', 'n', '@', 'g', 'o', 'v', 'dotcom');
    expect(await field()).toBe('an@gov.com');
  });

  it('has no axe-core accessibility violations in any layout', async () => {
    const axePath = new URL(import.meta.resolve('axe-core/axe.min.js')).pathname;
    for (const layout of ['text', 'numeric', 'email', 'phone']) {
      await open(layout);
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as { axe: { run(c: unknown): Promise<{ violations: { id: string }[] }> } }
        ).axe;
        const result = await axe.run({ include: [['.osk']] });
        return result.violations.map(
          (v) =>
            `${v.id}: ${(v as unknown as { nodes: { html: string }[] }).nodes.map((n) => n.html).join(' | ')}`,
        );
      });
      expect(violations, layout).toEqual([]);
    }
  });

  it('keys are at least 56 px high and 44 px wide on a 1080 px wide screen', async () => {
    for (const layout of ['text', 'numeric', 'email', 'phone']) {
      await open(layout);
      const boxes = await page.$$eval('.osk-key', (keys) =>
        keys.map((k) => {
          const r = k.getBoundingClientRect();
          return { key: k.getAttribute('data-key'), width: r.width, height: r.height };
        }),
      );
      if (process.env.OSK_SCREENSHOT_DIR) {
        await page
          .locator('.osk')
          .screenshot({ path: `${process.env.OSK_SCREENSHOT_DIR}/osk-${layout}.png` });
      }
      expect(boxes.length).toBeGreaterThan(10);
      for (const b of boxes) {
        expect(b.height, `${layout} ${b.key}`).toBeGreaterThanOrEqual(56);
        expect(b.width, `${layout} ${b.key}`).toBeGreaterThanOrEqual(44);
      }
    }
  });
});
