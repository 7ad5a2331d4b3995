/**
 * The tactile path's logic, without the DOM (issue #18 item 3; EN 301 549 §5.1.3, §5.1.6): which action a key
 * press asks for, whether it belongs to a QR scanner's burst, where "next" / "previous" lead, and the spoken key
 * help. The hook that wires it to the page is useSpeechKeys.ts.
 */
import {
  DEFAULT_SPEECH_KEYS,
  SPEECH_KEY_ACTIONS,
  type SpeechKeyAction,
  type SpeechKeys,
} from '../../common/speech-keys';
import type { SpeechPart } from './speech-text';

export { DEFAULT_SPEECH_KEYS, SPEECH_KEY_ACTIONS, type SpeechKeyAction, type SpeechKeys };

/** The part of a `KeyboardEvent` the mapping reads. */
export interface KeyPress {
  code: string;
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  isComposing?: boolean;
}

/**
 * The action a key press asks for, or null. Matched on `code` (the key's place: a keypad's "+" is NumpadAdd
 * whatever NumLock says; a scanner typing "+" sends Shift+Equal). With a modifier held it is never ours: Alt +
 * keypad digits is how some scanners type, and Ctrl/Shift combinations belong to the keyboard.
 */
export function keyAction(press: KeyPress, keys: SpeechKeys = DEFAULT_SPEECH_KEYS): SpeechKeyAction | null {
  if (press.isComposing || press.ctrlKey || press.altKey || press.metaKey || press.shiftKey) return null;
  for (const action of SPEECH_KEY_ACTIONS) if (keys[action].includes(press.code)) return action;
  return null;
}

/** One printable character (what a scanner or a person types into a field). */
export function isPrintableKey(key: string): boolean {
  return [...key].length === 1 && key >= ' ';
}

/**
 * A key arriving this soon after a printable key is part of a burst (a keyboard-wedge scanner types a whole
 * line in a few tens of ms; a person's keys are ≥ 80 ms apart, and a blind user's keypad key is pressed alone):
 * it is left to the page and the scanner hook, never read as a command.
 */
export const BURST_GAP_MS = 60;

export function partOfBurst(lastPrintableAt: number | null, now: number): boolean {
  return lastPrintableAt !== null && now - lastPrintableAt >= 0 && now - lastPrintableAt < BURST_GAP_MS;
}

/**
 * Key presses in, speech actions out, with scanner bursts left alone: a printable key sets the burst clock unless
 * it was taken as a command (a keypad "+" pressed alone must not block the next one).
 */
export class SpeechKeyReader {
  private lastPrintableAt: number | null = null;
  constructor(private readonly keys: () => SpeechKeys = () => DEFAULT_SPEECH_KEYS) {}

  feed(press: KeyPress, now: number): SpeechKeyAction | null {
    const action = keyAction(press, this.keys());
    const taken = action !== null && !partOfBurst(this.lastPrintableAt, now);
    if (!taken && isPrintableKey(press.key)) this.lastPrintableAt = now;
    return taken ? action : null;
  }
}

/**
 * Where "next" (+1) or "previous" (−1) leads in the page's controls (reading order): from the current one; when
 * none is current (a new screen), next is the control at `start` (the screen's first, past the header) and
 * previous the one before it. Past either end it wraps round (`wrapped`).
 */
export function stepFocus<T>(
  order: readonly T[],
  current: T | null,
  direction: 1 | -1,
  start = 0,
): { target: T; index: number; wrapped: boolean } | null {
  if (order.length === 0) return null;
  const at = current === null ? -1 : order.indexOf(current);
  const from = Math.min(Math.max(start, 0), order.length - 1);
  let index: number;
  if (at < 0) index = direction === 1 ? from : (from - 1 + order.length) % order.length;
  else index = at + direction;
  const wrapped = at >= 0 && (index < 0 || index >= order.length);
  index = (index + order.length) % order.length;
  return { target: order[index]!, index, wrapped };
}

/** The words of the spoken key help (i18n `speech:keys.*`). */
export interface KeyHelpWords {
  intro: string;
  /** What each action does ("sang mục tiếp theo"). */
  actions: Record<SpeechKeyAction, string>;
  /** A key's spoken name ("dấu cộng trên bàn phím số"), by code; unknown codes are read as they are. */
  keyName: (code: string) => string;
  /** Between two keys of one action ("hoặc"). */
  or: string;
}

/** The key help as phrases: the intro, then "F7 hoặc dấu cộng: sang mục tiếp theo." per configured action. */
export function keyHelpParts(keys: SpeechKeys, words: KeyHelpWords): SpeechPart[] {
  const parts: SpeechPart[] = [{ text: words.intro }];
  for (const action of SPEECH_KEY_ACTIONS) {
    const names = keys[action].map(words.keyName);
    if (!names.length) continue;
    parts.push({ text: `${names.join(` ${words.or} `)}: ${words.actions[action]}.` });
  }
  return parts;
}

/** The key help as lines for the screen (same words, one action per line). */
export function keyHelpLines(
  keys: SpeechKeys,
  words: KeyHelpWords,
): { action: SpeechKeyAction; keys: string[]; does: string }[] {
  return SPEECH_KEY_ACTIONS.filter((a) => keys[a].length > 0).map((action) => ({
    action,
    keys: keys[action].map(words.keyName),
    does: words.actions[action],
  }));
}
