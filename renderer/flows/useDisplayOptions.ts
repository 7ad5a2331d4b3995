import { useCallback, useEffect, useState } from 'react';
import { useKioskApi } from '../api/KioskApiContext';

/** Display preferences a citizen may choose for their session (WCAG 1.4.4 resize text, 1.4.6 contrast). */
export interface DisplayOptions {
  largeText: boolean;
  highContrast: boolean;
}

export const DISPLAY_DEFAULTS: DisplayOptions = { largeText: false, highContrast: false };

/** The classes on `<html>` that global.css keys its large-text and high-contrast rules on. */
export const DISPLAY_CLASSES = { largeText: 'text-large', highContrast: 'contrast-high' } as const;

/** Sets (or clears) the display classes on a root element — `<html>` in the kiosk. */
export function applyDisplayOptions(root: Element, options: DisplayOptions): void {
  root.classList.toggle(DISPLAY_CLASSES.largeText, options.largeText);
  root.classList.toggle(DISPLAY_CLASSES.highContrast, options.highContrast);
}

/**
 * The citizen's display options, applied to `<html>` while they last. They belong to one citizen session:
 * both reset when the host announces `session.ended` (finish, cancel, timeout), so the next citizen starts
 * with the defaults. Not persisted anywhere.
 */
export function useDisplayOptions(): {
  options: DisplayOptions;
  toggle(option: keyof DisplayOptions): void;
  reset(): void;
} {
  const api = useKioskApi();
  const [options, setOptions] = useState<DisplayOptions>(DISPLAY_DEFAULTS);
  const reset = useCallback(() => setOptions(DISPLAY_DEFAULTS), []);
  const toggle = useCallback(
    (option: keyof DisplayOptions) => setOptions((o) => ({ ...o, [option]: !o[option] })),
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
