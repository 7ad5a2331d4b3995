/**
 * Binds an input-method composer to a controlled field value. The field's `value` stays the single
 * source of truth: when it changes from outside (prefill, reset, another keyboard), the composer
 * picks it up before the next key, keeping the last word editable.
 */
import { useCallback, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { createComposer, type Composer, type InputMethod, type Tone, type ToneStyle } from './engine';

export interface ComposerFieldOptions {
  readonly value: string;
  onChange(next: string): void;
  readonly method: InputMethod;
  readonly toneStyle?: ToneStyle;
}

export interface ComposerField {
  /** Types a key (a letter, digit, symbol, or a string such as ".com"). */
  type(key: string): void;
  backspace(): void;
  /** Tone row: puts, or removes when already there, a tone on the last word. */
  tone(tone: Tone): void;
  /** Ends the current word (call on Done, or when the field loses focus). */
  commit(): void;
  /**
   * For a physical keyboard on the `<input>`: printable keys and Backspace go through the composer
   * when the caret is at the end of the field; anything else is left to the browser.
   */
  onKeyDown(event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>): void;
}

export function useComposerField({
  value,
  onChange,
  method,
  toneStyle = 'modern',
}: ComposerFieldOptions): ComposerField {
  const composer = useRef<Composer | null>(null);
  const latest = useRef({ value, onChange });
  useLayoutEffect(() => {
    latest.current = { value, onChange };
  });

  const run = useCallback(
    (action: (c: Composer) => void) => {
      let c = composer.current;
      if (c === null || c.toneStyle !== toneStyle) {
        c = createComposer(method, { toneStyle });
        c.reset(latest.current.value);
        composer.current = c;
      } else {
        if (c.text !== latest.current.value) c.reset(latest.current.value);
        if (c.method !== method) c.setMethod(method);
      }
      action(c);
      const next = c.text;
      if (next !== latest.current.value) {
        // Remember at once: a second tap may come before React re-renders with the new value.
        latest.current = { ...latest.current, value: next };
        latest.current.onChange(next);
      }
    },
    [method, toneStyle],
  );

  const type = useCallback((key: string) => run((c) => c.type(key)), [run]);
  const backspace = useCallback(() => run((c) => c.backspace()), [run]);
  const tone = useCallback((t: Tone) => run((c) => c.tone(t)), [run]);
  const commit = useCallback(() => run((c) => c.commit()), [run]);
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.nativeEvent.isComposing) return;
      const field = event.currentTarget;
      const atEnd = field.selectionStart === field.value.length && field.selectionEnd === field.value.length;
      if (!atEnd) return;
      if (event.key === 'Backspace') {
        event.preventDefault();
        backspace();
      } else if ([...event.key].length === 1) {
        event.preventDefault();
        type(event.key);
      }
    },
    [backspace, type],
  );

  return { type, backspace, tone, commit, onKeyDown };
}
