/**
 * One citizen session at a time. Everything personal lives in the session object, in memory only,
 * and is dropped when the session ends (done, cancel, timeout, consent declined, staff).
 */
import { randomUUID } from 'node:crypto';
import type { Language, SessionEndReason } from '../../common/api/contract';
import { PersonalData } from './personal-data';

export interface CitizenSession {
  id: string;
  language: Language;
  startedAt: number;
  /** Personal data of this session: identity, photo, receipts, attachments. Never persisted in clear, never logged. */
  personal: PersonalData;
}

export class SessionManager {
  private current: CitizenSession | null = null;
  private lastActivity = 0;
  private watchdog: NodeJS.Timeout | null = null;
  private readonly endListeners = new Set<(reason: SessionEndReason) => void>();

  start(language: Language, now = Date.now()): CitizenSession {
    if (this.current) this.end('cancel');
    this.current = { id: randomUUID(), language, startedAt: now, personal: new PersonalData() };
    this.lastActivity = now;
    return this.current;
  }

  get active(): CitizenSession | null {
    return this.current;
  }

  /** Any call from the UI during a session counts as activity. */
  touch(now = Date.now()): void {
    this.lastActivity = now;
  }

  /**
   * Backstop for the UI's own timeout: if the renderer stops talking (crashed, unplugged screen), the
   * session and its personal data are wiped after `maxIdleMs` without activity.
   */
  watch(maxIdleMs: number, everyMs = 5000, now: () => number = Date.now): void {
    this.unwatch();
    this.watchdog = setInterval(() => {
      if (this.current && now() - this.lastActivity > maxIdleMs) this.end('timeout');
    }, everyMs);
    this.watchdog.unref();
  }

  unwatch(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  end(reason: SessionEndReason): boolean {
    const s = this.current;
    if (!s) return false;
    s.personal.clear();
    this.current = null;
    for (const l of this.endListeners) l(reason);
    return true;
  }

  onEnd(listener: (reason: SessionEndReason) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }
}
