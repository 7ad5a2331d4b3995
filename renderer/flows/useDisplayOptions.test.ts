import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { KioskApi } from '../../common/api/contract';
import { KioskApiContext } from '../api/KioskApiContext';
import { DisplayOptions } from '../components/DisplayOptions';
import { initI18n } from '../i18n';
import {
  applyDisplayOptions,
  DISPLAY_CLASSES,
  DISPLAY_DEFAULTS,
  nextTextSize,
  TEXT_SIZES,
} from './useDisplayOptions';

/** The part of Element that applyDisplayOptions uses. */
function fakeRoot(initial: string[] = []): Element & { classes: Set<string> } {
  const classes = new Set(initial);
  return {
    classes,
    classList: {
      toggle: (name: string, force?: boolean) => {
        const on = force ?? !classes.has(name);
        if (on) classes.add(name);
        else classes.delete(name);
        return on;
      },
    },
  } as unknown as Element & { classes: Set<string> };
}

describe('applyDisplayOptions', () => {
  it('sets the classes global.css keys on, and only those', () => {
    const root = fakeRoot(['other']);
    applyDisplayOptions(root, { textSize: 1.5, highContrast: false });
    expect([...root.classes].sort()).toEqual(['other', DISPLAY_CLASSES.largeText]);
    applyDisplayOptions(root, { textSize: 2, highContrast: true });
    expect([...root.classes].sort()).toEqual(['contrast-high', 'other', 'text-large', 'text-larger']);
    applyDisplayOptions(root, { textSize: 1.5, highContrast: true });
    expect([...root.classes].sort()).toEqual(['contrast-high', 'other', 'text-large']);
    applyDisplayOptions(root, DISPLAY_DEFAULTS);
    expect([...root.classes]).toEqual(['other']);
  });
});

describe('nextTextSize', () => {
  it('steps ×1 → ×1.5 → ×2 and back to ×1', () => {
    expect(TEXT_SIZES.map(nextTextSize)).toEqual([1.5, 2, 1]);
  });
});

describe('DisplayOptions', () => {
  const api = {
    call: () => Promise.reject(new Error('unused')),
    on: () => () => undefined,
  } as unknown as KioskApi;
  const render = (): string =>
    renderToStaticMarkup(
      createElement(KioskApiContext.Provider, { value: api }, createElement(DisplayOptions)),
    );

  it('renders two labelled toggle buttons, off at the start of a session', async () => {
    const i18n = initI18n('vi');
    await i18n.changeLanguage('vi');
    const vi = render();
    expect(vi).toContain('aria-label="Tuỳ chọn hiển thị"');
    expect(vi.match(/aria-pressed="false"/g)).toHaveLength(2);
    expect(vi).toContain('Chữ to');
    expect(vi).toContain('Tương phản cao');
    await i18n.changeLanguage('en');
    const en = render();
    expect(en).toContain('Large text');
    expect(en).toContain('High contrast');
    await i18n.changeLanguage('vi');
  });
});
