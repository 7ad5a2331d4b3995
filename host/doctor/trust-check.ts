/** The CSCA check: the trust store the host would load, each CSCA and link certificate with its expiry. */
import type { KioskConfig } from '../config/config';
import { buildTrustStore } from '../trust/build-trust-store';
import { describeTrustStore } from '../../native/emrtd/trust-store';
import { fail, pass, type Verdict, warn } from './check';

/** Days before a CSCA certificate's end that the doctor warns. */
export const CSCA_WARN_DAYS = 180;

export function cscaCheck(config: KioskConfig, now = Date.now()): Verdict {
  let entries;
  try {
    entries = describeTrustStore(buildTrustStore(config, false));
  } catch (e) {
    return fail(`trust store refused: ${(e as Error).message}`);
  }
  const certs = entries
    .filter((e) => e.kind === 'csca' || e.kind === 'link')
    .map((e) => ({
      kind: e.kind,
      subject: e.subject,
      sha256: e.sha256,
      notAfter: e.notAfter,
      daysLeft: e.notAfter ? Math.floor((Date.parse(e.notAfter) - now) / 86_400_000) : null,
      source: e.source,
    }));
  const rejected = entries
    .filter((e) => e.kind === 'rejected')
    .map((e) => ({ source: e.source, note: e.note }));
  const data = { certificates: certs, rejected };
  const valid = certs.filter((c) => c.daysLeft !== null && c.daysLeft >= 0);
  if (certs.length === 0) return fail('no CSCA certificate: no chip can be verified', data);
  if (valid.length === 0) return fail('every CSCA certificate has expired', data);
  const first = valid.reduce((a, b) => ((a.daysLeft ?? 0) <= (b.daysLeft ?? 0) ? a : b));
  const text = `${certs.length} certificate(s); the first to end: ${first.subject} on ${first.notAfter?.slice(0, 10)} (${first.daysLeft} days)`;
  const expired = certs.length - valid.length;
  if (rejected.length > 0 || expired > 0 || (first.daysLeft ?? 0) < CSCA_WARN_DAYS)
    return warn(
      `${text}${expired ? `; ${expired} expired` : ''}${rejected.length ? `; ${rejected.length} file(s) rejected` : ''}`,
      data,
    );
  return pass(text, data);
}
