/**
 * The tactile path (issue #18 item 3; EN 301 549 §5.1.3.x, §5.1.6): physical keys — a USB numeric keypad beside
 * the headset jack, or F-keys — that move between the page's controls in reading order, read the focused one,
 * press it, repeat the last prompt and change the volume, without seeing the screen. Any of them turns speech on
 * (a blind citizen cannot find the on-screen toggle), and the first one of a session says how to use the keys.
 *
 * Listens to `keydown` on the document in the capture phase: after the QR wedge hook (window, capture), which
 * stops a recognised scanner burst before it gets here; keys arriving within a burst's gap of a printable key are
 * left alone too (speech-keys.ts). Only keys a text field does not need are used (common/speech-keys.ts).
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { focusable } from 'tabbable';
import type { KioskApi, SpeechStatus } from '../../common/api/contract';
import { sayParts, focusedControl } from './useSpeech';
import {
  DEFAULT_SPEECH_KEYS,
  keyHelpParts,
  SpeechKeyReader,
  stepFocus,
  type KeyHelpWords,
  type SpeechKeyAction,
  type SpeechKeys,
} from './speech-keys';
import { controlKind, controlParts, type ControlWords } from './speech-text';

type T = ReturnType<typeof useTranslation>['t'];

/** The words a control is read with (kinds, states, a masked entry's length). */
export function controlWords(t: T, tactile = false): ControlWords {
  const base: ControlWords = {
    checked: t('speech:control.checked'),
    unchecked: t('speech:control.unchecked'),
    empty: t('speech:control.empty'),
    nothing: t('speech:control.nothing'),
    typed: (count) => t('speech:control.typed', { count }),
  };
  if (!tactile) return base;
  return {
    ...base,
    nothing: t('speech:keys.nothing'),
    kinds: {
      button: t('speech:control.kinds.button'),
      link: t('speech:control.kinds.link'),
      checkbox: t('speech:control.kinds.checkbox'),
      radio: t('speech:control.kinds.radio'),
      select: t('speech:control.kinds.select'),
      text: t('speech:control.kinds.text'),
    },
    disabled: t('speech:control.disabled'),
    expanded: t('speech:control.expanded'),
    collapsed: t('speech:control.collapsed'),
    required: t('speech:control.required'),
    invalid: t('speech:control.invalid'),
  };
}

/** The words of the key help, in the displayed language. */
export function keyHelpWords(t: T): KeyHelpWords {
  return {
    intro: t('speech:keys.intro'),
    or: t('speech:keys.or'),
    actions: {
      help: t('speech:keys.actions.help'),
      read: t('speech:keys.actions.read'),
      repeat: t('speech:keys.actions.repeat'),
      previous: t('speech:keys.actions.previous'),
      next: t('speech:keys.actions.next'),
      activate: t('speech:keys.actions.activate'),
      volumeDown: t('speech:keys.actions.volumeDown'),
      volumeUp: t('speech:keys.actions.volumeUp'),
    },
    keyName: (code) =>
      /^F\d+$/.test(code)
        ? t('speech:keys.names.fKey', { key: code })
        : t(`speech:keys.names.${code}`, { defaultValue: code }),
  };
}

/**
 * The page's controls in reading (DOM) order: what Tab would reach, plus every option of a radio group; inside the
 * topmost modal dialog when one is open; never the speech bar (the keys do its work).
 */
export function focusOrder(doc: Document = document): HTMLElement[] {
  const modals = [...doc.querySelectorAll<HTMLElement>('[aria-modal="true"]')].filter(
    (m) => m.getClientRects().length > 0,
  );
  const root = modals[modals.length - 1] ?? doc.body;
  return focusable(root, { displayCheck: 'full' }).filter(
    (el): el is HTMLElement =>
      el instanceof HTMLElement &&
      el.tabIndex >= 0 &&
      !el.closest('.speech-bar, [aria-hidden="true"], [inert]'),
  );
}

/** The control the citizen is on: the focused element, else the last one focused (still on the page). */
function currentControl(doc: Document = document): HTMLElement | null {
  const active = doc.activeElement;
  if (active instanceof HTMLElement && active !== doc.body && !active.closest('.speech-bar')) return active;
  const last = focusedControl();
  return last instanceof HTMLElement ? last : null;
}

/** A text field takes typing: "activate" leaves it focused and reads it instead of clicking. */
function isTextEntry(el: HTMLElement): boolean {
  return controlKind(el) === 'text' || el instanceof HTMLSelectElement;
}

export interface UseSpeechKeysOptions {
  /** The session ended (the ending screen): the next key press says the key help again. */
  sessionOver: boolean;
}

export function useSpeechKeys(
  api: KioskApi,
  status: SpeechStatus | null,
  { sessionOver }: UseSpeechKeysOptions,
): void {
  const { t, i18n } = useTranslation();
  const statusRef = useRef(status);
  const helpSaid = useRef(false);
  const tRef = useRef(t);
  useEffect(() => {
    statusRef.current = status;
    tRef.current = t;
  });
  useEffect(() => {
    if (sessionOver) helpSaid.current = false;
  }, [sessionOver]);

  useEffect(() => {
    const lang = (): 'vi' | 'en' => (i18n.language === 'en' ? 'en' : 'vi');
    const keys = (): SpeechKeys => statusRef.current?.keys ?? DEFAULT_SPEECH_KEYS;

    const readControl = (el: HTMLElement | null, append: boolean, before: string[] = []): void => {
      const parts = [
        ...before.map((text) => ({ text })),
        ...controlParts(el, controlWords(tRef.current, true)),
      ];
      sayParts(api, parts, lang(), append);
    };

    const run = async (action: SpeechKeyAction): Promise<void> => {
      const tr = tRef.current;
      if (statusRef.current && !statusRef.current.enabled)
        await api.call('speech.control', { action: 'enable' }).catch(() => undefined);
      // The first key of a session: how to use the keys, then what was asked (appended).
      const first = !helpSaid.current;
      if (first || action === 'help') {
        helpSaid.current = true;
        sayParts(api, keyHelpParts(keys(), keyHelpWords(tr)), lang());
      }
      switch (action) {
        case 'help':
          return;
        case 'read':
          readControl(currentControl(), first);
          return;
        case 'repeat':
          if (!first) await api.call('speech.control', { action: 'repeat' }).catch(() => undefined);
          return;
        case 'next':
        case 'previous': {
          const order = focusOrder();
          const current = currentControl();
          // A new screen (nothing focused): next starts at the screen's content, not the header.
          const start = Math.max(
            0,
            order.findIndex((el) => el.closest('main')),
          );
          const step = stepFocus(
            order,
            current && order.includes(current) ? current : null,
            action === 'next' ? 1 : -1,
            start,
          );
          if (!step) {
            readControl(null, first);
            return;
          }
          step.target.focus();
          const wrapped = step.wrapped
            ? [tr(action === 'next' ? 'speech:keys.wrappedFirst' : 'speech:keys.wrappedLast')]
            : [];
          readControl(step.target, first, wrapped);
          return;
        }
        case 'activate': {
          const el = currentControl();
          if (!el || isTextEntry(el)) {
            readControl(el, first);
            return;
          }
          const kind = controlKind(el);
          el.click();
          // A tick box or an option says its new state; a button's new screen speaks itself.
          if (kind === 'checkbox' || kind === 'radio')
            window.setTimeout(() => readControl(el.isConnected ? el : null, true), 0);
          return;
        }
        case 'volumeDown':
        case 'volumeUp': {
          const s = await api
            .call('speech.control', { action: action === 'volumeUp' ? 'louder' : 'quieter' })
            .catch(() => null);
          if (s)
            sayParts(
              api,
              [{ text: `${tr('speech.volume', { step: s.volumeStep + 1, count: s.volumeStepCount })}.` }],
              lang(),
              first,
            );
          return;
        }
      }
    };

    const reader = new SpeechKeyReader(keys);
    const onKeyDown = (event: KeyboardEvent): void => {
      const action = reader.feed(event, event.timeStamp || performance.now());
      if (!action) return;
      // Held down: only moving and the volume repeat.
      if (event.repeat && !['next', 'previous', 'volumeUp', 'volumeDown'].includes(action)) return;
      event.preventDefault();
      event.stopPropagation();
      void run(action);
    };
    document.addEventListener('keydown', onKeyDown, { capture: true });
    return () => document.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [api, i18n]);
}
