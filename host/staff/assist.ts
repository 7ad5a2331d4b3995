/**
 * Assisted session: a counter officer takes over a citizen's session WITH the citizen's consent, helps with the
 * form on the same screens, and hands it back.
 *
 *   none ──request(officer)──▶ requested ──citizen "Đồng ý"──▶ assisted ──handBack()──▶ none
 *                                  │  └─citizen "Không" / officer cancels──▶ none
 *   any state ──session ends──▶ none
 *
 * Only after identification (the card was read and accepted): before that there is no form to help with and the
 * citizen has not yet agreed to the kiosk reading their card. One officer at a time. Every transition is audited
 * (before it is announced, so a refused audit write changes nothing) in the store's chain with the officer's actor, the time and a hash of the session id — never personal data.
 */
import { createHash } from 'node:crypto';
import { KioskApiError } from '../../common/api/contract';
import type { SessionManager } from '../session/session-manager';
import type { AuditActor, AuditEntry } from '../store/audit';
import type { StaffActor } from './staff-session';
import { errorFields, logger } from '../log/logger';

const log = logger('staff-assist');

export type AssistView =
  | { state: 'none'; actor: null; since: null }
  | { state: 'requested' | 'assisted'; actor: StaffActor; since: number };

export type AssistAction =
  | 'assist.requested'
  | 'assist.cancelled'
  | 'assist.declined'
  | 'assist.takeover'
  | 'assist.handback'
  | 'assist.ended'
  | 'assist.dossier';

export interface AssistOptions {
  sessions: SessionManager;
  /** The store's audit chain (`KioskStore.audit`); null without a store (then nothing can be audited: refused). */
  audit:
    | ((actor: AuditActor, action: AssistAction, subject?: string, detail?: AuditEntry['detail']) => void)
    | null;
  onChange?: (view: AssistView) => void;
  now?: () => number;
}

/** What the audit chain records instead of the session id: its SHA-256, shortened (no way back to the session). */
export function sessionIdHash(sessionId: string): string {
  return createHash('sha256').update(`kiosk-session:${sessionId}`, 'utf8').digest('hex').slice(0, 32);
}

type Internal =
  | { state: 'none' }
  | { state: 'requested' | 'assisted'; actor: StaffActor; since: number; sessionId: string };

export class AssistService {
  private cur: Internal = { state: 'none' };
  private readonly now: () => number;
  private readonly offEnd: () => void;

  constructor(private readonly o: AssistOptions) {
    this.now = o.now ?? Date.now;
    this.offEnd = o.sessions.onEnd((reason) => {
      if (this.cur.state === 'none') return;
      const { actor, sessionId, state } = this.cur;
      // The session is gone whatever the store says: an unwritable store raises its own alert.
      try {
        this.audit(actor, 'assist.ended', sessionId, { was: state, reason });
      } catch (e) {
        log.warn(errorFields(e), 'assist end not audited');
        /* never stop the other session-end listeners (the wipe) */
      }
      this.set({ state: 'none' });
    });
  }

  dispose(): void {
    this.offEnd();
  }

  view(): AssistView {
    const c = this.cur;
    return c.state === 'none'
      ? { state: 'none', actor: null, since: null }
      : { state: c.state, actor: c.actor, since: c.since };
  }

  /** The officer asks to help (staff console "Hỗ trợ người dân"); the citizen's screen shows the question. */
  request(actor: StaffActor): AssistView {
    const session = this.o.sessions.active;
    if (!session) throw new KioskApiError('assist-no-session', 'No citizen is using the kiosk');
    if (session.personal.get('decision') !== 'accept')
      throw new KioskApiError('assist-not-identified', 'The citizen has not been identified yet');
    if (this.cur.state !== 'none') throw new KioskApiError('assist-busy', 'Help was already offered');
    this.requireAudit();
    this.audit(actor, 'assist.requested', session.id);
    return this.set({ state: 'requested', actor, since: this.now(), sessionId: session.id });
  }

  /** The officer withdraws a request the citizen has not answered. */
  cancel(): AssistView {
    const c = this.expect('requested');
    this.audit(c.actor, 'assist.cancelled', c.sessionId);
    return this.set({ state: 'none' });
  }

  /** The citizen's answer to "Cho phép cán bộ hỗ trợ bạn điền hồ sơ?". */
  answer(granted: boolean): AssistView {
    const c = this.expect('requested');
    if (!granted) {
      this.audit(c.actor, 'assist.declined', c.sessionId);
      return this.set({ state: 'none' });
    }
    this.audit(c.actor, 'assist.takeover', c.sessionId, { consent: true });
    return this.set({ state: 'assisted', actor: c.actor, since: this.now(), sessionId: c.sessionId });
  }

  /** "Trả lại cho người dân": the officer hands the session back; the citizen carries on alone. */
  handBack(): AssistView {
    const c = this.expect('assisted');
    this.audit(c.actor, 'assist.handback', c.sessionId, {
      seconds: Math.round((this.now() - c.since) / 1000),
    });
    return this.set({ state: 'none' });
  }

  /** A dossier filed while assisted: recorded in the audit chain under the officer (the local reference only). */
  noteDossier(localRef: string): void {
    if (this.cur.state !== 'assisted') return;
    this.audit(this.cur.actor, 'assist.dossier', localRef, { session: sessionIdHash(this.cur.sessionId) });
  }

  private expect(state: 'requested' | 'assisted') {
    const c = this.cur;
    if (c.state !== state || this.o.sessions.active?.id !== c.sessionId)
      throw new KioskApiError('assist-wrong-state', `Assistance is not ${state}`);
    return c;
  }

  private requireAudit(): void {
    if (!this.o.audit) throw new KioskApiError('not-available', 'Assistance needs the audit store');
  }

  private audit(
    actor: StaffActor,
    action: AssistAction,
    sessionIdOrRef: string,
    detail?: AuditEntry['detail'],
  ): void {
    const subject = action === 'assist.dossier' ? sessionIdOrRef : sessionIdHash(sessionIdOrRef);
    this.o.audit?.(actor, action, subject, detail);
  }

  private set(next: Internal): AssistView {
    this.cur = next;
    const v = this.view();
    this.o.onChange?.(v);
    return v;
  }
}
