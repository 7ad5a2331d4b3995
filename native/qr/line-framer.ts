/**
 * Bytes from a scanner → lines. Pure (no I/O), so it can be tested with any chunking.
 *
 * - Decodes UTF-8 as a stream: a character split across two chunks is decoded once, correctly;
 *   invalid bytes become U+FFFD (which the payload checks report as `qr-garbled`).
 * - Frames on `[\r\n]+` (CR, LF, CRLF, any run of them); empty lines are dropped.
 * - Caps the pending line: past `maxLineLength` characters without an end of line it reports one
 *   `overflow` and discards everything up to the next end of line.
 */

export type FrameEvent = { kind: 'line'; text: string } | { kind: 'overflow' };

export interface LineFramerOptions {
  /** Characters a line may reach before it is discarded as garbage. Default 4096. */
  maxLineLength?: number;
}

export const DEFAULT_MAX_LINE_LENGTH = 4096;

export class LineFramer {
  private decoder = new TextDecoder('utf-8', { fatal: false });
  private pending = '';
  private discarding = false;
  private readonly maxLineLength: number;

  constructor(options: LineFramerOptions = {}) {
    this.maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  }

  /** True when part of a line is waiting for its end of line. */
  get hasPartialLine(): boolean {
    return this.pending.length > 0 || this.discarding;
  }

  /** Feed a chunk of bytes; returns the complete lines (and overflows) it finished. */
  push(chunk: Uint8Array): FrameEvent[] {
    return this.consume(this.decoder.decode(chunk, { stream: true }));
  }

  /**
   * End the current line without an end of line (device idle or closed). Bytes of an unfinished UTF-8
   * character become U+FFFD.
   */
  flush(): FrameEvent[] {
    const events = this.consume(this.decoder.decode());
    this.decoder = new TextDecoder('utf-8', { fatal: false });
    if (!this.discarding && this.pending.length > 0) events.push({ kind: 'line', text: this.pending });
    this.pending = '';
    this.discarding = false;
    return events;
  }

  /** Forget everything (port reopened). */
  reset(): void {
    this.decoder = new TextDecoder('utf-8', { fatal: false });
    this.pending = '';
    this.discarding = false;
  }

  private consume(text: string): FrameEvent[] {
    const events: FrameEvent[] = [];
    if (text === '') return events;
    const parts = text.split(/[\r\n]+/);
    // parts.length - 1 ends of line were seen; the last part is the start of a new pending line.
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      const ended = i < parts.length - 1;
      if (this.discarding) {
        if (ended) this.discarding = false;
        continue;
      }
      this.pending += part;
      if (this.pending.length > this.maxLineLength) {
        events.push({ kind: 'overflow' });
        this.pending = '';
        this.discarding = !ended;
        continue;
      }
      if (ended) {
        if (this.pending.length > 0) events.push({ kind: 'line', text: this.pending });
        this.pending = '';
      }
    }
    return events;
  }
}
