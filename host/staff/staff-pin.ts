/**
 * The staff PIN that lets a counter officer or technician leave the kiosk shell. Only a salted scrypt
 * hash is configured (`staff.pinHash`, made by `npm run -s staff:pin`); the PIN has 6 to 12 digits.
 *
 * Five wrong PINs in a row lock it; each further lockout doubles (5 min, 10, 20, … up to 24 h) until a right
 * PIN resets the count. The failure count and the lockout are kept in the store (`staff_lockout`), so a restart
 * does not give an attacker fresh tries, and every attempt is audited (`staff.pin-attempt`: ok, locked, failures —
 * never the PIN). The PIN itself is never stored, logged or spoken.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { AuditEntry } from '../store/audit';
import type { PinLockoutState } from '../store/store';
import { errorFields, logger } from '../log/logger';

const log = logger('staff-pin');

const N = 16384;

/** 6 to 12 digits. */
export const PIN_PATTERN = /^\d{6,12}$/;

export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  if (!PIN_PATTERN.test(pin)) throw new RangeError('The staff PIN must be 6 to 12 digits');
  const hash = scryptSync(pin, salt, 32, { N });
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function matches(pin: string, stored: string): boolean {
  const [kind, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const want = Buffer.from(hash, 'base64');
  const got = scryptSync(pin, Buffer.from(salt, 'base64'), want.length, { N });
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Where the failure state lives and attempts are audited: `KioskStore` implements it. */
export interface PinLockoutStore {
  pinLockout(): PinLockoutState;
  recordPinAttempt(state: PinLockoutState, detail: AuditEntry['detail']): void;
}

export interface StaffPinOptions {
  /** Persistence and audit; without it (no store configured) the state lives in memory only. */
  store?: PinLockoutStore | null;
  now?: () => number;
  /** Wrong PINs before a lockout. Default 5. */
  maxFailures?: number;
  /** The first lockout; each next one doubles. Default 5 minutes. */
  lockMs?: number;
  /** The longest lockout. Default 24 hours. */
  maxLockMs?: number;
}

export interface PinVerdict {
  ok: boolean;
  lockedForSeconds: number;
}

export class StaffPin {
  private readonly store: PinLockoutStore | null;
  private readonly now: () => number;
  private readonly maxFailures: number;
  private readonly lockMs: number;
  private readonly maxLockMs: number;
  /** In-memory mirror: a store that cannot be written (disk full) never lifts a lockout. */
  private state: PinLockoutState;

  constructor(
    private readonly pinHash: string | null,
    opts: StaffPinOptions = {},
  ) {
    this.store = opts.store ?? null;
    this.now = opts.now ?? Date.now;
    this.maxFailures = opts.maxFailures ?? 5;
    this.lockMs = opts.lockMs ?? 5 * 60_000;
    this.maxLockMs = opts.maxLockMs ?? 24 * 3_600_000;
    this.state = { failures: 0, lockouts: 0, lockedUntil: 0 };
    try {
      if (this.store) this.state = this.store.pinLockout();
    } catch (e) {
      log.warn(errorFields(e), 'PIN lockout state not read');
      /* unreadable store: start from the in-memory state */
    }
  }

  get configured(): boolean {
    return this.pinHash !== null;
  }

  /** How long lockout number `n` (1-based) lasts. */
  lockDuration(n: number): number {
    return Math.min(this.maxLockMs, this.lockMs * 2 ** Math.max(0, n - 1));
  }

  verify(pin: string): PinVerdict {
    const t = this.now();
    const before = this.state;
    if (t < before.lockedUntil) {
      const lockedForSeconds = Math.ceil((before.lockedUntil - t) / 1000);
      this.persist(before, { ok: false, locked: true, failures: before.failures, refused: 'locked' });
      return { ok: false, lockedForSeconds };
    }
    const wellFormed = PIN_PATTERN.test(pin);
    const ok = this.pinHash !== null && wellFormed && matches(pin, this.pinHash);
    if (ok) {
      this.persist({ failures: 0, lockouts: 0, lockedUntil: 0 }, { ok: true, locked: false, failures: 0 });
      return { ok: true, lockedForSeconds: 0 };
    }
    const failures = before.failures + 1;
    const refused = this.pinHash === null ? 'not-configured' : wellFormed ? 'wrong' : 'malformed';
    if (failures >= this.maxFailures) {
      const lockouts = before.lockouts + 1;
      const ms = this.lockDuration(lockouts);
      this.persist(
        { failures: 0, lockouts, lockedUntil: t + ms },
        { ok: false, locked: true, failures, lockouts, refused },
      );
      return { ok: false, lockedForSeconds: Math.ceil(ms / 1000) };
    }
    this.persist({ ...before, failures }, { ok: false, locked: false, failures, refused });
    return { ok: false, lockedForSeconds: 0 };
  }

  private persist(state: PinLockoutState, detail: AuditEntry['detail']): void {
    this.state = state;
    try {
      this.store?.recordPinAttempt(state, detail);
    } catch (e) {
      log.warn(errorFields(e), 'PIN attempt not recorded');
      /* the lockout holds in memory; the audit entry is lost with the disk */
    }
  }
}
