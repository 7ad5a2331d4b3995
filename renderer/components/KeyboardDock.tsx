import { type ReactNode, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** The screen's primary action, kept in view with the field when both fit above the keyboard. */
const PRIMARY = 'main button[type="submit"], main [data-primary="true"]';
/** Space kept between the field (or the button) and the keyboard's top edge, in CSS px. */
/** Space kept between what must stay visible and the keyboard (or the top of the window), in CSS px. */
export const KEYBOARD_MARGIN = 16;
const MARGIN = KEYBOARD_MARGIN;

/** The lowest y (viewport px) content may reach above the docked keyboard, read from `--keyboard-height`. */
export function keyboardFloor(): number {
  const keys = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--keyboard-height'));
  return window.innerHeight - (Number.isFinite(keys) ? keys : 0) - MARGIN;
}

/**
 * The on-screen keyboard's dock at the bottom of the screen. While it is open it:
 * - publishes its height as `--keyboard-height` on `<html>` (global.css pads `.screen--with-keyboard` by it,
 *   so the last field can always be scrolled above the keyboard);
 * - scrolls the focused field just above the keyboard, and the primary button too when both fit;
 * - shows an echo line (the field's label and what is typed so far) at its top, so the citizen sees what
 *   they type even where the screen is too short for the field and the button (landscape, large text).
 * `focusKey` changes when another field takes the keyboard (the scroll is done again then).
 */
export function KeyboardDock({
  children,
  label,
  value,
  focusKey,
  masked,
}: {
  children: ReactNode;
  /** The field's label for the echo line (no echo line without one). */
  label?: string;
  value?: string;
  focusKey?: string;
  /** A secret (PIN): the echo line shows dots. */
  masked?: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);

  const settle = useCallback(() => {
    const dock = ref.current;
    if (!dock) return;
    const height = dock.getBoundingClientRect().height;
    document.documentElement.style.setProperty('--keyboard-height', `${Math.ceil(height)}px`);
    keepAbove(height);
  }, []);

  useLayoutEffect(() => {
    settle();
  }, [settle, focusKey]);

  useEffect(() => {
    const dock = ref.current;
    if (!dock || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => settle());
    observer.observe(dock);
    window.addEventListener('resize', settle);
    // a field tapped again (the same one, or one whose keyboard does not change) comes above the keys too
    // (only a text field: a tap on a button must not scroll the page between its press and its release)
    const onFocus = (event: FocusEvent): void => {
      const target = event.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)
        requestAnimationFrame(settle);
    };
    document.addEventListener('focusin', onFocus);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', settle);
      document.removeEventListener('focusin', onFocus);
    };
  }, [settle]);

  useEffect(
    () => () => {
      document.documentElement.style.removeProperty('--keyboard-height');
    },
    [],
  );

  return (
    <div className="keyboard-dock" ref={ref} data-testid="keyboard-dock">
      {label !== undefined && (
        <p className="keyboard-dock__echo" data-testid="keyboard-echo" aria-hidden="true">
          <span className="keyboard-dock__echo-label">{label}</span>
          <span className="keyboard-dock__echo-value">
            {value ? tail(masked ? '•'.repeat(value.length) : value) : t('keyboard.echoEmpty', { ns: 'ux' })}
          </span>
        </p>
      )}
      {children}
    </div>
  );
}

/** The end of a long value (where the typing happens), so the echo line stays one or two lines. */
function tail(text: string, max = 60): string {
  const chars = [...text];
  return chars.length > max ? `…${chars.slice(-max).join('')}` : text;
}

/** The field being typed into: the focused input, else the one the form marks active. */
function activeField(): HTMLElement | null {
  const focused = document.activeElement;
  if (focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement) return focused;
  return document.querySelector<HTMLElement>('.input--active');
}

/**
 * Scrolls the window so the active field sits above a keyboard `dockHeight` tall; then, if the primary
 * button fits in the same space below it, far enough for the button too (the field stays in view).
 */
export function keepAbove(dockHeight: number): void {
  const field = activeField();
  if (!field || field.closest('.keyboard-dock')) return;
  const floor = window.innerHeight - dockHeight - MARGIN;
  const box = field.getBoundingClientRect();
  if (box.bottom > floor) window.scrollBy(0, box.bottom - floor);
  else if (box.top < MARGIN) window.scrollBy(0, box.top - MARGIN);
  const button = [...document.querySelectorAll<HTMLElement>(PRIMARY)].find(
    (b) => b.offsetParent !== null && !b.closest('.keyboard-dock'),
  );
  if (!button) return;
  const f = field.getBoundingClientRect();
  const b = button.getBoundingClientRect();
  if (b.bottom > floor && b.top > f.top && b.bottom - f.top <= floor - MARGIN)
    window.scrollBy(0, b.bottom - floor);
}
