/**
 * Keyboard-wedge (USB HID) QR scanners "type" the payload as a very fast burst of key presses ending in Enter.
 * This pure state machine tells such a burst from a person typing, from key timings alone (no DOM).
 *
 * - Before a burst is recognised, keys pass through (a form field may receive them). A burst is recognised
 *   once `detectAfter` printable keys arrived with a median gap ≤ `maxMedianGapMs` and no gap above
 *   `resetGapMs`. From then on every key is swallowed, and the decision carries `retract`: the characters
 *   that already went through, for the caller to remove from the focused field.
 * - The burst ends with Enter (or Tab): a scan when it holds ≥ `minLength` characters with a median gap
 *   ≤ `maxMedianGapMs`, otherwise it is dropped (`rejected`). A line that only meets the thresholds as a whole
 *   (hiccups at its start delayed recognition) is still a scan at Enter: every leaked key is retracted. It also ends when no key comes for
 *   `burstIdleMs` (`idle()`): scanners configured without a suffix.
 * - Human typing (gaps ≥ 80 ms) never gets near the thresholds. Auto-repeat keys and keys with Ctrl/Alt/Meta
 *   break any candidate burst. Modifier keys (Shift for capitals) are neither counted nor break anything.
 */

export interface WedgeOptions {
  /** Characters a scan must hold. Default 20. */
  minLength?: number;
  /** Median gap between keys of a scan, ms. Default 35. */
  maxMedianGapMs?: number;
  /** Printable keys after which a fast burst is taken as a scan in progress and swallowed. Default 6. */
  detectAfter?: number;
  /** Before recognition, a gap above this starts a new candidate burst. Default 70. */
  resetGapMs?: number;
  /** After recognition, silence longer than this ends the burst. Default 150. */
  burstIdleMs?: number;
}

export interface KeyStroke {
  /** `KeyboardEvent.key`. */
  key: string;
  /** ms, monotonic (`KeyboardEvent.timeStamp` / `performance.now()`). */
  time: number;
  repeat?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

export interface WedgeDecision {
  /** Swallow this key (preventDefault + stop propagation). */
  swallow: boolean;
  /** Characters typed before the burst was recognised, to remove from the focused field (usually ''). */
  retract: string;
  /** A complete scan. */
  scan: string | null;
  /** A swallowed burst that was too short or too slow to be a scan. */
  rejected: string | null;
}

const PASS: WedgeDecision = Object.freeze({ swallow: false, retract: '', scan: null, rejected: null });

const MODIFIER_KEYS = new Set(['Shift', 'CapsLock', 'AltGraph']);
const TERMINATOR_KEYS = new Set(['Enter', 'Tab']);

export const DEFAULT_WEDGE_OPTIONS: Required<WedgeOptions> = {
  minLength: 20,
  maxMedianGapMs: 35,
  detectAfter: 6,
  resetGapMs: 70,
  burstIdleMs: 150,
};

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.POSITIVE_INFINITY;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One printable character (a single code point, which covers astral letters); not "Enter", "Dead", … */
function isPrintable(key: string): boolean {
  return [...key].length === 1 && key >= ' ';
}

export class WedgeDetector {
  private readonly opts: Required<WedgeOptions>;
  private chars: string[] = [];
  private times: number[] = [];
  /** Count of leading `chars` that went through to the page (not swallowed). */
  private leaked = 0;
  private inBurst = false;
  private lastTime = Number.NEGATIVE_INFINITY;

  constructor(options: WedgeOptions = {}) {
    // Options explicitly set to undefined keep their default (the hook passes every threshold through).
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.opts = { ...DEFAULT_WEDGE_OPTIONS, ...given };
  }

  /** True while a recognised burst is in progress (the caller should arm an idle timer). */
  get scanning(): boolean {
    return this.inBurst;
  }

  get burstIdleMs(): number {
    return this.opts.burstIdleMs;
  }

  feed(stroke: KeyStroke): WedgeDecision {
    // A long silence ends a recognised burst before this key is looked at.
    let ended: WedgeDecision | null = null;
    if (this.inBurst && stroke.time - this.lastTime > this.opts.burstIdleMs) ended = this.finish();

    const decision = this.step(stroke);
    if (!ended) return decision;
    // Rare: a burst without suffix followed by another key. Report the finished burst; this key's own
    // decision wins for swallowing.
    return { ...decision, scan: ended.scan ?? decision.scan, rejected: ended.rejected ?? decision.rejected };
  }

  /** Call when no key came for `burstIdleMs` (from a timer). */
  idle(now: number): WedgeDecision {
    if (this.inBurst && now - this.lastTime >= this.opts.burstIdleMs) return this.finish();
    if (!this.inBurst && now - this.lastTime > this.opts.resetGapMs) this.clear();
    return PASS;
  }

  reset(): void {
    this.clear();
  }

  private step(stroke: KeyStroke): WedgeDecision {
    const { key, time } = stroke;
    if (MODIFIER_KEYS.has(key)) return this.inBurst ? { ...PASS, swallow: true } : PASS;
    if (stroke.repeat || stroke.ctrlKey || stroke.altKey || stroke.metaKey) {
      if (this.inBurst) {
        // Scanners never auto-repeat nor press Ctrl/Alt/Meta: the burst is over.
        const done = this.finish();
        return { ...done, swallow: false };
      }
      this.clear();
      return PASS;
    }

    if (TERMINATOR_KEYS.has(key)) {
      if (this.inBurst) {
        this.lastTime = time;
        this.times.push(time);
        return this.finish();
      }
      // Not recognised early (hiccups at the start of the burst), but the whole line is a scan: take it back.
      const late = this.lateScan(time);
      this.clear();
      return late ?? PASS;
    }

    if (!isPrintable(key)) {
      // Arrow keys, Backspace, "Unidentified", "Process"…: a person is editing, unless a burst is running.
      if (this.inBurst) return { ...PASS, swallow: true };
      this.clear();
      return PASS;
    }

    if (!this.inBurst && time - this.lastTime > this.opts.resetGapMs) this.clear();
    this.chars.push(key);
    this.times.push(time);
    this.lastTime = time;

    if (this.inBurst) return { ...PASS, swallow: true };

    if (this.chars.length >= this.opts.detectAfter && median(this.gaps()) <= this.opts.maxMedianGapMs) {
      this.inBurst = true;
      const retract = this.chars.slice(0, this.leaked).join('');
      return { swallow: true, retract, scan: null, rejected: null };
    }
    this.leaked++;
    return PASS;
  }

  /** The pending keys plus this terminator, judged as a whole; null unless they make a scan. */
  private lateScan(time: number): WedgeDecision | null {
    if (this.chars.length < this.opts.minLength || time - this.lastTime > this.opts.resetGapMs) return null;
    this.times.push(time);
    const fast = median(this.gaps()) <= this.opts.maxMedianGapMs;
    this.times.pop();
    if (!fast) return null;
    const text = this.chars.join('');
    return { swallow: true, retract: this.chars.slice(0, this.leaked).join(''), scan: text, rejected: null };
  }

  private gaps(): number[] {
    const gaps: number[] = [];
    for (let i = 1; i < this.times.length; i++)
      gaps.push((this.times[i] as number) - (this.times[i - 1] as number));
    return gaps;
  }

  private finish(): WedgeDecision {
    const text = this.chars.join('');
    const fast = median(this.gaps()) <= this.opts.maxMedianGapMs;
    this.clear();
    if (text.length >= this.opts.minLength && fast)
      return { swallow: true, retract: '', scan: text, rejected: null };
    return { swallow: true, retract: '', scan: null, rejected: text };
  }

  private clear(): void {
    this.chars = [];
    this.times = [];
    this.leaked = 0;
    this.inBurst = false;
  }
}
