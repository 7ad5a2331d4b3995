/** Static render checks (no DOM in the unit suite; interaction is covered by the Playwright e2e). */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { OnScreenKeyboard, type OnScreenKeyboardLabels } from './OnScreenKeyboard';
import type { KeyboardLayout } from './layouts';

const labels: OnScreenKeyboardLabels = {
  done: 'Xong',
  space: 'Dấu cách',
  backspace: 'Xoá',
  shift: 'Chữ hoa',
  methodNames: { telex: 'Telex', vni: 'VNI', off: 'ABC' },
};

function render(layout: KeyboardLayout, extra: Partial<Parameters<typeof OnScreenKeyboard>[0]> = {}): string {
  return renderToStaticMarkup(
    <OnScreenKeyboard layout={layout} value="" onChange={() => undefined} labels={labels} {...extra} />,
  );
}

function buttons(html: string): { key: string; label: string }[] {
  return [...html.matchAll(/<button[^>]*>/g)].map((m) => {
    const tag = m[0];
    return {
      key: /data-key="([^"]*)"/.exec(tag)?.[1] ?? '',
      label: /aria-label="([^"]*)"/.exec(tag)?.[1] ?? '',
    };
  });
}

describe('OnScreenKeyboard markup', () => {
  it.each(['text', 'numeric', 'email', 'phone'] as const)(
    '%s: every key is a button with data-key and aria-label',
    (layout) => {
      const keys = buttons(render(layout));
      expect(keys.length).toBeGreaterThan(10);
      for (const k of keys) {
        expect(k.key).not.toBe('');
        expect(k.label).not.toBe('');
      }
      expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
      expect(keys.map((k) => k.key)).toContain('done');
      expect(keys.map((k) => k.key)).toContain('backspace');
    },
  );

  it('text layout: letters, digits, quick vowels, tones, shift, space and the method switch', () => {
    const html = render('text', { method: 'vni' });
    const keys = buttons(html).map((k) => k.key);
    for (const k of [...'abcdefghijklmnopqrstuvwxyz0123456789ăâđêôơư']) expect(keys).toContain(k);
    for (const k of ['tone-sac', 'tone-huyen', 'tone-hoi', 'tone-nga', 'tone-nang', 'shift', 'space']) {
      expect(keys).toContain(k);
    }
    expect(keys).toEqual(expect.arrayContaining(['method-telex', 'method-vni', 'method-off']));
    expect(html).toMatch(/data-key="method-vni"[^>]*aria-pressed="true"/);
    expect(html).toMatch(/data-key="method-telex"[^>]*aria-pressed="false"/);
    expect(html).toContain('data-method="vni"');
    expect(html).toContain('aria-label="ã dấu ngã"');
  });

  it('text layout without the simple rows', () => {
    const keys = buttons(render('text', { simpleRows: false })).map((k) => k.key);
    expect(keys).not.toContain('ư');
    expect(keys).not.toContain('tone-sac');
  });

  it('other layouts never compose Vietnamese and have no method switch', () => {
    for (const layout of ['numeric', 'email', 'phone'] as const) {
      const html = render(layout, { method: 'telex' });
      expect(html).toContain('data-method="off"');
      expect(html).not.toContain('method-telex');
    }
    const email = buttons(render('email')).map((k) => k.key);
    expect(email).toEqual(expect.arrayContaining(['@', '.', '-', '_', 'dotcom', 'a', '0']));
    const phone = buttons(render('phone')).map((k) => k.key);
    expect(phone.sort()).toEqual(
      ['+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'backspace', 'done'].sort(),
    );
  });

  it('numeric pad takes extra keys (e.g. "/" for dates)', () => {
    const keys = buttons(render('numeric', { extraKeys: ['/'] })).map((k) => k.key);
    expect(keys.sort()).toEqual(
      ['/', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'backspace', 'done'].sort(),
    );
  });

  it('translated labels are used for the named keys', () => {
    const html = render('text');
    expect(html).toContain('aria-label="Xong"');
    expect(html).toContain('aria-label="Dấu cách"');
    expect(html).toContain('aria-label="Xoá"');
    expect(html).toContain('aria-label="Chữ hoa"');
    expect(html).toContain('class="osk osk--text"');
  });

  it('keys do not take the focus from the field', () => {
    expect(render('text')).not.toMatch(/<button(?![^>]*tabindex="-1")[^>]*>/);
  });
});
