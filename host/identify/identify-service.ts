/**
 * Who is at the kiosk: consent first, then the card's access key (its QR code through a scanner or the
 * camera, or the MRZ fields typed from the back of the card), then the chip read through PC/SC. Nothing
 * personal is parsed before consent; everything personal lives in the session and goes with it.
 *
 * Reading starts when all three hold: consent given, a key (QR or MRZ) known, a card on a reader. A card
 * pulled mid-read gives `chip-card-removed`; putting it back resumes from the last good offset.
 */
import { CodedError } from '../../common/errors';
import type { OtherCardRole } from '../../common/api/contract';
import type { ChipVerification, Identity } from '../../common/identity';
import {
  type BacKey,
  bacKeysFromQr,
  CardReadInterrupted,
  type ReadCardOptions,
  type ResumeState,
  readCard,
} from '../../native/emrtd';
import type { CardReadResult, TrustStore } from '../../native/emrtd';
import { defaultFaceDecoder, type FaceResult } from '../../native/face';
import type { CardTransport } from '../../native/pcsc/card-transport';
import type { PcscEvent, ReaderInfo } from '../../native/pcsc/pcsc-service';
import { parseCccdQr } from '../../native/qr/payload';
import type { DeviceStatusBoard } from '../devices/device-status';
import type { SessionManager } from '../session/session-manager';
import { cardRefusal, type CardRefusal, type VerificationDecision } from './card-audit';
import { errorFields, logger } from '../log/logger';

const log = logger('identify');

export interface PcscLike {
  listReaders(): ReaderInfo[];
  connect(readerName?: string): Promise<CardTransport & { disconnect?(): void }>;
  on(event: 'event', listener: (e: PcscEvent) => void): unknown;
}

export type IdentifyEvent =
  | { type: 'card'; present: boolean }
  | { type: 'progress'; file: string; bytes: number; total: number; percent: number }
  | { type: 'identity'; identity: Identity; verification: ChipVerification; photoPending: boolean }
  | { type: 'photo'; dataUrl: string | null }
  | { type: 'verified'; verification: ChipVerification; decision: VerificationDecision }
  | { type: 'failed'; code: string }
  | { type: 'qr'; cardType: string }
  | { type: 'qr-waiting' }
  /** A second person's card (household head, owner, the other parent, the spouse), read and verified alike. */
  | { type: 'other'; role: OtherCardRole; identity: Identity; decision: VerificationDecision };

export type { VerificationDecision } from './card-audit';

/**
 * The decision table (host/identify/README.md), first matching row wins. Nothing the chip leaves out can
 * turn a refusal into an accept: what is mandatory comes from the signed SOD (`v.requires`), not from the
 * chip's own file list.
 */
export function decide(v: ChipVerification, policy: { acceptUnknownCsca: boolean }): VerificationDecision {
  // 1–3: proof of forgery or of a copy.
  if (v.passive === 'hash-mismatch' || v.passive === 'bad-signature') return 'refuse-forged';
  if (v.active === 'failed') return 'refuse-forged';
  if (v.chipAuthentication === 'failed') return 'refuse-forged';
  // 4–5: a check the SOD makes mandatory did not happen (unsupported key, not performed).
  if (v.requires.activeAuthentication && v.active !== 'valid') return 'refuse-unverifiable';
  if (v.requires.chipAuthentication && v.chipAuthentication !== 'valid') return 'refuse-unverifiable';
  // 6–8: the signer.
  if (v.passive === 'valid') return 'accept';
  if (v.passive === 'unknown-csca' && policy.acceptUnknownCsca) return 'accept';
  return 'refuse-unverifiable';
}

/** The file sizes a full read usually has, to turn per-file progress into one percentage. */
const WEIGHT: Record<string, number> = { COM: 1, DG1: 1, DG13: 3, SOD: 15, DG2: 70, DG14: 4, DG15: 6 };

export interface IdentifyOptions {
  pcsc: PcscLike | null;
  sessions: SessionManager;
  status: DeviceStatusBoard;
  emit(e: IdentifyEvent): void;
  trustStore?: TrustStore | (() => TrustStore);
  policy?: { acceptUnknownCsca: boolean };
  read?: (t: CardTransport, o: ReadCardOptions) => Promise<CardReadResult>;
  /** Face image → data URL, decoded in a worker thread (default: the shared native/face decoder). */
  faces?: { decode(bytes: Uint8Array | null): Promise<FaceResult>; warm?(): void };
  /** Told about every refused card (no personal data: decision, verdicts, card type, CSCA) for the audit log. */
  onRefused?: (r: CardRefusal) => void;
}

export class IdentifyService {
  private consent = false;
  private keys: BacKey[] | null = null;
  private can: string | null = null;
  private reader: string | null = null;
  private reading = false;
  private resume: ResumeState | null = null;
  private done = false;
  /** A scan that arrived before consent: kept unparsed, in memory, for a short while only. */
  private pendingQr: { payload: string; at: number } | null = null;
  /** A second card read in progress (same pipeline: consent → key → chip → verdict), for this role. */
  private other: { role: OtherCardRole } | null = null;
  static readonly PENDING_QR_MS = 120_000;
  private readonly read: (t: CardTransport, o: ReadCardOptions) => Promise<CardReadResult>;
  private readonly faces: NonNullable<IdentifyOptions['faces']>;

  constructor(private readonly o: IdentifyOptions) {
    this.read = o.read ?? readCard;
    this.faces = o.faces ?? defaultFaceDecoder();
    o.sessions.onEnd(() => this.reset());
    o.pcsc?.on('event', (e) => this.onPcsc(e));
    try {
      const withCard = o.pcsc?.listReaders().find((r) => r.cardPresent);
      if (withCard) this.reader = withCard.name;
    } catch {
      /* pcscd not running: the status board says so */
    }
  }

  private reset(): void {
    this.other = null;
    this.pendingQr = null;
    this.consent = false;
    this.keys = null;
    this.can = null;
    this.resume = null;
    this.done = false;
  }

  /**
   * Reads another person's card within this session (the household head, the owner, the other parent, the
   * spouse): only after the citizen's own card was read and accepted. The other person then gives their own
   * consent (`setConsent`), shows their QR (or MRZ) and puts their card down; the verdict comes as an
   * `other` event and stays in the session under `other:<role>`. The citizen's identity is untouched.
   */
  startOther(role: OtherCardRole): void {
    const session = this.o.sessions.active;
    if (!session) throw new CodedError('session-none', 'no session');
    if (session.personal.get('decision') !== 'accept')
      throw new CodedError('consent-required', 'own card first');
    if (this.reading) throw new CodedError('chip-busy', 'reading');
    this.other = { role };
    this.consent = false;
    this.keys = null;
    this.resume = null;
    this.pendingQr = null;
    this.done = false;
  }

  /** The other person declined or the citizen went back: nothing more is read. */
  cancelOther(): void {
    if (!this.other) return;
    this.other = null;
    this.keys = null;
    this.resume = null;
    this.done = true;
  }

  setConsent(granted: boolean): void {
    if (!this.o.sessions.active) throw new CodedError('session-none', 'no session');
    if (!granted && this.other) {
      this.cancelOther();
      return;
    }
    if (!granted) {
      this.o.sessions.end('consent-declined');
      return;
    }
    this.consent = true;
    const pending = this.pendingQr;
    this.pendingQr = null;
    if (pending && Date.now() - pending.at < IdentifyService.PENDING_QR_MS) this.offerQr(pending.payload);
    void this.maybeRead();
  }

  /**
   * A scan from the serial scanner. Before consent it is held unparsed (the UI is told a card was shown);
   * after consent it is parsed and used as the chip key; a bad payload becomes a typed `failed` event.
   */
  offerQr(payload: string): void {
    if (!this.o.sessions.active || !this.consent) {
      this.pendingQr = { payload, at: Date.now() };
      this.o.emit({ type: 'qr-waiting' });
      return;
    }
    try {
      this.provideQr(payload);
    } catch (e) {
      this.o.emit({ type: 'failed', code: (e as { code?: string }).code ?? 'qr-junk' });
    }
  }

  private requireConsent(): void {
    if (!this.o.sessions.active) throw new CodedError('session-none', 'no session');
    if (!this.consent) throw new CodedError('consent-required', 'consent first');
  }

  /** A QR payload from the camera, a keyboard-wedge scanner or the serial scanner. Throws QrPayloadError. */
  provideQr(payload: string): Identity {
    this.requireConsent();
    const qr = parseCccdQr(payload);
    this.keys = bacKeysFromQr({
      dateOfBirth: qr.dateOfBirth,
      issueDate: qr.issueDate,
      idNumber: qr.idNumber,
    });
    if (!this.other) this.o.sessions.active!.personal.set('qrIdentity', qr);
    this.o.emit({ type: 'qr', cardType: qr.cardType });
    void this.maybeRead();
    return qr;
  }

  /** MRZ fields typed from the back of the card (document number = last 9 digits of the ID). */
  provideMrz(key: BacKey): void {
    this.requireConsent();
    this.keys = [key];
    void this.maybeRead();
  }

  /**
   * The Card Access Number (6 digits printed on the front of the card), for a chip that only opens with PACE
   * and its CAN (after a `chip-can-required` failure). Kept in memory for this session only.
   */
  provideCan(can: string): void {
    this.requireConsent();
    if (!/^\d{6}$/.test(can)) throw new CodedError('chip-can-invalid', 'CAN must be 6 digits');
    this.can = can;
    this.resume = null;
    void this.maybeRead();
  }

  get hasKey(): boolean {
    return this.keys !== null || this.can !== null;
  }

  private onPcsc(e: PcscEvent): void {
    if (e.type === 'card-inserted') {
      this.reader = e.reader;
      this.o.status.update('reader', { state: 'card-present', name: e.reader });
      this.o.emit({ type: 'card', present: true });
      void this.maybeRead();
    } else if (e.type === 'card-removed') {
      if (this.reader === e.reader) this.reader = null;
      // Between sessions, a QR held for "the next citizen" was shown by whoever is now taking their card back
      // (the end screen waits for exactly that): it must not carry over to the next person.
      if (!this.o.sessions.active) this.pendingQr = null;
      this.o.status.update('reader', { state: 'ready', name: e.reader });
      this.o.emit({ type: 'card', present: false });
    } else if (e.type === 'reader-attached') {
      this.o.status.update('reader', { state: 'ready', name: e.reader });
    } else if (e.type === 'reader-detached') {
      this.o.status.update('reader', { state: 'no-reader', name: null });
    }
  }

  private async maybeRead(): Promise<void> {
    const session = this.o.sessions.active;
    if (!session || !this.consent || !(this.keys || this.can) || !this.reader || this.reading || this.done)
      return;
    if (!this.o.pcsc) return;
    this.reading = true;
    const sessionId = session.id;
    const stillOurs = (): boolean => this.o.sessions.active?.id === sessionId;
    const other = this.other;
    this.o.status.update('reader', { state: 'reading' });
    let transport: (CardTransport & { disconnect?(): void }) | null = null;
    const done: Record<string, number> = {};
    try {
      this.faces.warm?.();
      transport = await this.o.pcsc.connect(this.reader);
      const result = await this.read(transport, {
        keys: this.keys ?? [],
        ...(this.can ? { can: this.can } : {}),
        trustStore: typeof this.o.trustStore === 'function' ? this.o.trustStore() : this.o.trustStore,
        resume: this.resume ?? undefined,
        onProgress: (p) => {
          if (!stillOurs()) return;
          done[p.file] = p.total ? p.bytes / p.total : 1;
          const total = Object.values(WEIGHT).reduce((a, b) => a + b, 0);
          const got = Object.entries(done).reduce((a, [f, x]) => a + (WEIGHT[f] ?? 1) * x, 0);
          this.o.emit({
            type: 'progress',
            file: p.file,
            bytes: p.bytes,
            total: p.total,
            percent: Math.min(99, Math.round((got / total) * 100)),
          });
        },
        onIdentity: (identity, verification) => {
          if (!identity || !stillOurs() || other) return;
          session.personal.set('identity', identity);
          this.o.emit({ type: 'identity', identity, verification, photoPending: true });
        },
      });
      this.resume = null;
      if (!stillOurs()) return;
      this.done = true;
      if (other) {
        this.other = null;
        const decision = decide(result.verification, this.o.policy ?? { acceptUnknownCsca: false });
        if (!result.identity) throw new CodedError('chip-read-failed', 'no identity');
        session.personal.set(`other:${other.role}`, { identity: result.identity, decision });
        this.o.emit({ type: 'other', role: other.role, identity: result.identity, decision });
        return;
      }
      if (result.identity) session.personal.set('identity', result.identity);
      session.personal.set('verification', result.verification);
      // Decoded in the face worker, never on this thread: JPEG shown as is, JPEG 2000 as PNG; a missing or bad
      // image is null ("photo unavailable" on screen).
      const face = await this.faces.decode(result.photo?.bytes ?? null);
      if (!stillOurs()) return;
      const dataUrl = face.status === 'ok' ? face.dataUrl : null;
      if (dataUrl) session.personal.set('photo', dataUrl);
      this.o.emit({ type: 'photo', dataUrl });
      const decision = decide(result.verification, this.o.policy ?? { acceptUnknownCsca: false });
      session.personal.set('decision', decision);
      if (decision !== 'accept') {
        try {
          this.o.onRefused?.(cardRefusal(decision, result.verification, result.identity, result.files.SOD));
        } catch (e) {
          log.warn(errorFields(e), 'card refusal not audited');
          /* the audit is best effort: the citizen still hears that the card was refused */
        }
      }
      this.o.emit({ type: 'verified', verification: result.verification, decision });
    } catch (e) {
      if (e instanceof CardReadInterrupted) this.resume = e.resume;
      const code = (e as { code?: string }).code ?? 'chip-read-failed';
      if (stillOurs()) this.o.emit({ type: 'failed', code });
    } finally {
      this.reading = false;
      transport?.disconnect?.();
      this.o.status.update('reader', { state: this.reader ? 'card-present' : 'ready' });
    }
  }
}
