/**
 * React hook: recognise keyboard-wedge QR scans anywhere on the page and keep them out of form fields.
 *
 * Listens to `keydown` on window in the capture phase (before any field or app shortcut sees it). Keys of a
 * recognised burst are prevented and stopped; the few keys that reached the focused field before the burst
 * was recognised are removed from it again. `onScan` gets the raw payload (the host parses it).
 */
import { useEffect, useRef } from 'react';
import { WedgeDetector, type WedgeDecision, type WedgeOptions } from './wedge-detector';

export interface UseWedgeScannerOptions extends WedgeOptions {
  /** Default true. When false, no listener is installed. */
  enabled?: boolean;
  /** Called with a swallowed fast burst that was not a scan (too short), e.g. to show "scan again". */
  onRejected?: (text: string) => void;
}

/** The part of a text field `retractTyped` touches (HTMLInputElement and HTMLTextAreaElement satisfy it). */
export interface EditableField {
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
  setSelectionRange(start: number, end: number): void;
  dispatchEvent(event: Event): boolean;
}

/** A text field with a caret: inputs of non-text types (checkbox…) report `selectionStart === null`. */
function isEditableField(el: unknown): el is EditableField {
  if (typeof el !== 'object' || el === null) return false;
  const f = el as Partial<EditableField> & { readOnly?: boolean; disabled?: boolean };
  return (
    typeof f.value === 'string' &&
    typeof f.selectionStart === 'number' &&
    typeof f.setSelectionRange === 'function' &&
    !f.readOnly &&
    !f.disabled
  );
}

/** Assign `value` so that React-controlled inputs notice (the prototype setter, then an `input` event). */
function setFieldValue(field: EditableField, value: string): void {
  const proto = Object.getPrototypeOf(field) as object | null;
  const setter = proto ? Object.getOwnPropertyDescriptor(proto, 'value')?.set : undefined;
  if (setter) setter.call(field, value);
  else field.value = value;
  const InputEventCtor = typeof Event === 'function' ? Event : null;
  if (InputEventCtor) field.dispatchEvent(new InputEventCtor('input', { bubbles: true }));
}

/**
 * Remove `typed` from just before the caret of `field`, if it is there (the keys of a scan that leaked in before
 * the burst was recognised). Returns true when something was removed.
 */
export function retractTyped(field: EditableField, typed: string): boolean {
  if (typed === '') return false;
  const caret = field.selectionStart ?? field.value.length;
  const before = field.value.slice(0, caret);
  if (!before.endsWith(typed)) return false;
  const start = caret - typed.length;
  setFieldValue(field, before.slice(0, start) + field.value.slice(caret));
  field.setSelectionRange(start, start);
  return true;
}

/** Apply a detector decision to a DOM keydown event and the focused element. */
export function applyDecision(
  decision: WedgeDecision,
  event: Pick<KeyboardEvent, 'preventDefault' | 'stopImmediatePropagation'>,
  focused: unknown,
): void {
  if (decision.swallow) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
  if (decision.retract && isEditableField(focused)) retractTyped(focused, decision.retract);
}

export function useWedgeScanner(onScan: (payload: string) => void, opts: UseWedgeScannerOptions = {}): void {
  const {
    enabled = true,
    onRejected,
    minLength,
    maxMedianGapMs,
    detectAfter,
    resetGapMs,
    burstIdleMs,
  } = opts;
  const onScanRef = useRef(onScan);
  const onRejectedRef = useRef(onRejected);
  useEffect(() => {
    onScanRef.current = onScan;
    onRejectedRef.current = onRejected;
  });

  useEffect(() => {
    if (!enabled || typeof window === 'undefined') return;
    const detector = new WedgeDetector({ minLength, maxMedianGapMs, detectAfter, resetGapMs, burstIdleMs });
    let idleTimer: ReturnType<typeof setTimeout> | undefined;

    const report = (decision: WedgeDecision): void => {
      if (decision.scan !== null) onScanRef.current(decision.scan);
      if (decision.rejected !== null) onRejectedRef.current?.(decision.rejected);
    };

    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.isComposing) return;
      const decision = detector.feed({
        key: event.key,
        time: event.timeStamp || performance.now(),
        repeat: event.repeat,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
      });
      applyDecision(decision, event, document.activeElement);
      report(decision);
      armIdleTimer();
    };

    // A burst without Enter/Tab suffix ends after `burstIdleMs` of silence.
    const armIdleTimer = (): void => {
      clearTimeout(idleTimer);
      if (!detector.scanning) return;
      idleTimer = setTimeout(() => {
        report(detector.idle(performance.now()));
        armIdleTimer();
      }, detector.burstIdleMs);
    };

    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      clearTimeout(idleTimer);
      window.removeEventListener('keydown', onKeyDown, { capture: true });
    };
  }, [enabled, minLength, maxMedianGapMs, detectAfter, resetGapMs, burstIdleMs]);
}
