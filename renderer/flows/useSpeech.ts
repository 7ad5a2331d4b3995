import { useEffect, useState } from 'react';
import type { KioskApi, SpeechStatus } from '../../common/api/contract';
import {
  controlParts,
  elementParts,
  partsText,
  screenParts,
  spokenElements,
  type ControlWords,
  type SpeechPart,
} from './speech-text';

/** Speech status from the host (it speaks through the kiosk's own audio output). */
export function useSpeechStatus(api: KioskApi, connected: boolean): SpeechStatus | null {
  const [status, setStatus] = useState<SpeechStatus | null>(null);
  useEffect(() => {
    const off = api.on('speech.status', setStatus);
    if (connected)
      api
        .call('speech.status', {})
        .then(setStatus)
        .catch(() => undefined);
    return off;
  }, [api, connected]);
  return status;
}

/** What a screen says aloud, as plain text (kept for callers that want a string; see speech-text.ts). */
export function screenText(root: ParentNode = document): string {
  return partsText(screenParts(root));
}

/** Asks the host to speak phrases (personal ones marked: the host filters them unless a headset is in). */
export function sayParts(api: KioskApi, parts: SpeechPart[], lang: 'vi' | 'en', append = false): void {
  if (!parts.some((p) => p.text.trim() && p.text.trim() !== '.')) return;
  void api
    .call('speech.say', { text: '', parts, lang, ...(append ? { append } : {}) })
    .catch(() => undefined);
}

/**
 * Speaks each new screen in the displayed language: after the screen (or its error) changes, the host is asked to
 * say its text, interrupting what was being said. Within a screen, a watch on the page speaks what changes: a new
 * form step (a new heading: interrupting), an error summary, a result, a queue number, a payment state
 * (appended). A countdown (`data-speech-once`) is read when it appears, not at every tick.
 */
export function useSpeakScreen(api: KioskApi, key: string, lang: 'vi' | 'en', enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const spoken = new WeakMap<Element, string>();
    const textOf = (el: Element): string =>
      el.closest('[data-speech-once]') ? 'once' : partsText(elementParts(el));
    const remember = (els: Element[]): void => els.forEach((el) => spoken.set(el, textOf(el)));
    let first = true;
    const timer = window.setTimeout(() => {
      first = false;
      remember(spokenElements());
      sayParts(api, screenParts(), lang);
    }, 0);
    // Runs after each batch of DOM changes (React commits whole), so even a step passed quickly is spoken.
    const sync = (): void => {
      if (first) return; // the first reading (above) takes the page as it is then
      const els = spokenElements();
      const changed = els.filter((el) => spoken.get(el) !== textOf(el));
      if (!changed.length) return;
      remember(els);
      const heading = changed.some((el) => el.matches('main h1, main legend, [role="alertdialog"] h2'));
      if (heading) sayParts(api, screenParts(), lang);
      else sayParts(api, changed.flatMap(elementParts), lang, true);
    };
    const observer = new MutationObserver(sync);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    return () => {
      window.clearTimeout(timer);
      observer.disconnect();
    };
  }, [api, key, lang, enabled]);
}

let lastFocused: Element | null = null;
if (typeof document !== 'undefined')
  document.addEventListener(
    'focusin',
    (e) => {
      const el = e.target as Element | null;
      // The speech bar's own buttons do not count: "Đọc" reads what was focused before it.
      if (el && !el.closest('.speech-bar')) lastFocused = el;
    },
    true,
  );

/** The control the citizen was on (outside the speech bar), if still on the page. */
export function focusedControl(): Element | null {
  return lastFocused && lastFocused.isConnected ? lastFocused : null;
}

/** Reads the focused control's label and value (the value only through a headset: it is what the citizen typed). */
export function readFocused(api: KioskApi, lang: 'vi' | 'en', words: ControlWords): void {
  sayParts(api, controlParts(focusedControl(), words), lang);
}
