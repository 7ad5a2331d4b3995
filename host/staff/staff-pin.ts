/**
 * The staff PIN that lets a counter officer or technician leave the kiosk shell. Only a salted scrypt
 * hash is configured (`staff.pinHash`, made by `npm run -s staff:pin`); five wrong PINs lock it for five
 * minutes. The PIN itself is never stored, logged or spoken.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const N = 16384;

export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
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

export class StaffPin {
  private failures = 0;
  private lockedUntil = 0;

  constructor(
    private readonly pinHash: string | null,
    private readonly now: () => number = Date.now,
    private readonly maxFailures = 5,
    private readonly lockMs = 5 * 60_000,
  ) {}

  get configured(): boolean {
    return this.pinHash !== null;
  }

  verify(pin: string): { ok: boolean; lockedForSeconds: number } {
    const t = this.now();
    if (t < this.lockedUntil)
      return { ok: false, lockedForSeconds: Math.ceil((this.lockedUntil - t) / 1000) };
    const ok = this.pinHash !== null && /^\d{4,12}$/.test(pin) && matches(pin, this.pinHash);
    if (ok) {
      this.failures = 0;
      return { ok: true, lockedForSeconds: 0 };
    }
    this.failures++;
    if (this.failures >= this.maxFailures) {
      this.failures = 0;
      this.lockedUntil = t + this.lockMs;
      return { ok: false, lockedForSeconds: Math.ceil(this.lockMs / 1000) };
    }
    return { ok: false, lockedForSeconds: 0 };
  }
}
