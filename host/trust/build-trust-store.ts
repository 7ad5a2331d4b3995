/**
 * The CSCA trust store the kiosk starts with (`buildTrustStore`). Apart from the composition root
 * (kiosk-services.ts) so that the doctor can build it without importing the whole host.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  assertRootOwned,
  BUNDLED_TRUST_DIR,
  certificatesFromPem,
  loadTrustMaterial,
  mergeTrustStores,
  type TrustStore,
  trustStoreFromPem,
} from '../../native/emrtd/trust-store';
import { PKI_DIR } from '../../native/simulator';
import { ConfigError, type KioskConfig } from '../config/config';

/** The test CSCA that signs the simulator's cards (its private key is in the repository). */
export const TEST_CSCA_FILE = path.join(PKI_DIR, 'csca.cert.pem');

function derOf(pem: string): string[] {
  return certificatesFromPem(pem).map((c) => Buffer.from(c.toSchema(true).toBER(false)).toString('hex'));
}

declare const KIOSK_TEST_CSCA_SHA256: readonly string[] | undefined;

/**
 * SHA-256 (hex) of each test CSCA certificate (DER): read from fixtures/pki in the source tree. A packaged host
 * has no fixtures: it carries only these hashes, written in when it is bundled (scripts/dist/bundle.ts).
 */
function testCscaHashes(): Set<string> {
  if (typeof KIOSK_TEST_CSCA_SHA256 !== 'undefined') return new Set(KIOSK_TEST_CSCA_SHA256);
  return new Set(derOf(readFileSync(TEST_CSCA_FILE, 'utf8')).map(sha256Hex));
}

function sha256Hex(derHex: string): string {
  return createHash('sha256').update(Buffer.from(derHex, 'hex')).digest('hex');
}

/**
 * The CSCA trust store: the configured folder (default: the bundled Vietnamese CSCA) with its CRLs and the
 * algorithm policy, configured extras, and — in demo mode while the reader simulator runs, never in
 * production — the test CSCA that signs the simulated cards. Production refuses the test CSCA among the
 * extras. Outside demo mode every trust file must be root-owned and not writable by others
 * (`chip-trust-insecure` stops start-up otherwise).
 */
export function buildTrustStore(config: KioskConfig, simulatorRunning: boolean): TrustStore {
  const t = config.trust;
  const requireRootOwned = t.requireRootOwned ?? config.mode !== 'demo';
  const policy = {
    refuseWeakAfter: t.refuseWeakAlgorithmsAfter
      ? new Date(`${t.refuseWeakAlgorithmsAfter}T00:00:00Z`)
      : null,
    minRsaBits: t.minRsaBits,
  };
  const main = loadTrustMaterial({
    dir: t.cscaDir ?? BUNDLED_TRUST_DIR,
    crlDir: t.crlDir,
    requireRootOwned,
    policy,
  });
  const extra = t.extraCscaFiles.map((f) => {
    if (requireRootOwned) assertRootOwned(f);
    return readFileSync(f, 'utf8');
  });
  if (config.mode === 'production') {
    const test = testCscaHashes();
    t.extraCscaFiles.forEach((f, i) => {
      if (derOf(extra[i]!).some((d) => test.has(sha256Hex(d))))
        throw new ConfigError(
          `Refused in production mode: trust.extraCscaFiles ${f} is the simulator's test CSCA (its private key is public)`,
        );
    });
  } else if (simulatorRunning) extra.push(readFileSync(TEST_CSCA_FILE, 'utf8'));
  return mergeTrustStores(main, trustStoreFromPem(...extra));
}
