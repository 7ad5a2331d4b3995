import { useCallback, useEffect, useState } from 'react';
import { useKioskApi } from '../api/KioskApiContext';

/** Text sizes a citizen may choose: ×1, ×1.5, ×2 (WCAG 1.4.4 asks for 200 % without loss). */
export const TEXT_SIZES = [1, 1.5, 2] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

/** Display preferences a citizen may choose for their session (WCAG 1.4.4 resize text, 1.4.6 contrast). */
export interface DisplayOptions {
  textSize: TextSize;
  highContrast: boolean;
}

export const DISPLAY_DEFAULTS: DisplayOptions = { textSize: 1, highContrast: false };

/**
 * The classes on `<html>` that global.css keys its text-size and high-contrast rules on: `text-large` for
 * any size above ×1 (×1.5), `text-larger` in addition for ×2.
 */
export const DISPLAY_CLASSES = {
  largeText: 'text-large',
  largerText: 'text-larger',
  highContrast: 'contrast-high',
} as const;

/** The next size of the text-size button: ×1 → ×1.5 → ×2 → ×1. */
export function nextTextSize(size: TextSize): TextSize {
  return TEXT_SIZES[(TEXT_SIZES.indexOf(size) + 1) % TEXT_SIZES.length]!;
}

/** Sets (or clears) the display classes on a root element — `<html>` in the kiosk. */
export function applyDisplayOptions(root: Element, options: DisplayOptions): void {
  root.classList.toggle(DISPLAY_CLASSES.largeText, options.textSize > 1);
  root.classList.toggle(DISPLAY_CLASSES.largerText, options.textSize >= 2);
  root.classList.toggle(DISPLAY_CLASSES.highContrast, options.highContrast);
}

/**
 * The citizen's display options, applied to `<html>` while they last. They belong to one citizen session:
 * both reset when the host announces `session.ended` (finish, cancel, timeout), so the next citizen starts
 * with the defaults. Not persisted anywhere.
 */
export function useDisplayOptions(): {
  options: DisplayOptions;
  /** Text size: the next step (×1 → ×1.5 → ×2 → ×1); contrast: on/off. */
  toggle(option: keyof DisplayOptions): void;
  reset(): void;
} {
  const api = useKioskApi();
  const [options, setOptions] = useState<DisplayOptions>(DISPLAY_DEFAULTS);
  const reset = useCallback(() => setOptions(DISPLAY_DEFAULTS), []);
  const toggle = useCallback(
    (option: keyof DisplayOptions) =>
      setOptions((o) =>
        option === 'textSize'
          ? { ...o, textSize: nextTextSize(o.textSize) }
          : { ...o, highContrast: !o.highContrast },
      ),
    [],
  );

  useEffect(() => api.on('session.ended', reset), [api, reset]);

  useEffect(() => {
    const root = document.documentElement;
    applyDisplayOptions(root, options);
  }, [options]);
  useEffect(() => () => applyDisplayOptions(document.documentElement, DISPLAY_DEFAULTS), []);

  return { options, toggle, reset };
}
