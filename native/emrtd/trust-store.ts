/** Country Signing CA trust store: PEM/DER certificates, the bundled Vietnamese CSCA by default. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ChipError } from './errors';

export interface TrustStore {
  certificates: pkijs.Certificate[];
}

export function certificateFromDer(der: Uint8Array): pkijs.Certificate {
  const asn = asn1js.fromBER(Uint8Array.from(der));
  if (asn.offset === -1) throw new ChipError('chip-sod-malformed', 'certificate is not DER');
  return new pkijs.Certificate({ schema: asn.result });
}

/** All certificates in a PEM text. */
export function certificatesFromPem(pem: string): pkijs.Certificate[] {
  const out: pkijs.Certificate[] = [];
  const re = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
  for (let m = re.exec(pem); m; m = re.exec(pem))
    out.push(certificateFromDer(new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'))));
  return out;
}

export function trustStoreFromPem(...pems: string[]): TrustStore {
  return { certificates: pems.flatMap(certificatesFromPem) };
}

/** Every `*.pem` in a folder. */
export function loadTrustStore(dir: string): TrustStore {
  const pems = readdirSync(dir)
    .filter((f) => f.endsWith('.pem'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  return trustStoreFromPem(...pems);
}

export const BUNDLED_TRUST_DIR = fileURLToPath(new URL('./trust/', import.meta.url));

let bundled: TrustStore | null = null;
/** The CSCA certificates shipped in native/emrtd/trust/ (CSCA Vietnam 2021, P-384). */
export function defaultTrustStore(): TrustStore {
  bundled ??= loadTrustStore(BUNDLED_TRUST_DIR);
  return bundled;
}
