/**
 * Chip Authentication (ICAO 9303-11 §6.2, BSI TR-03110-3 §3.4), terminal side, ECDH: an ephemeral key pair on
 * the domain of the chip's static DG14 key; under the current secure messaging MSE:Set AT (P1P2 41A4,
 * 80 id-CA-ECDH-…, 84 key ID when DG14 names one) and GENERAL AUTHENTICATE (7C { 80 PK_IFD }) — or, when a 3DES
 * chip refuses MSE:Set AT, MSE:Set KAT (P1P2 41A6, 91 PK_IFD, 84 key ID); then both
 * sides switch to KS = KDF(x(SK_IFD · PK_IC), 1|2) with SSC = 0. Only the chip that holds the private key
 * can answer the next command under the new keys: a protected SELECT EF.COM confirms it.
 * A copy without the key fails (`failed`); a key or a mechanism this terminal and the chip cannot agree on is
 * `unsupported` (still refused when the SOD makes CA mandatory, but not called a forgery).
 */
import type { ChipAuthVerdict } from '../../../common/identity';
import { concat } from '../bytes';
import { ChipError } from '../errors';
import type { Dg14 } from '../lds/dg14';
import { cipherOfArc, OID_CA, type CipherSpec } from '../lds/security-infos';
import { kdf } from '../pace/kdf';
import { encodeOidValue } from '../pace/oid';
import {
  domainOfCurveOid,
  domainOfSpki,
  encodePoint,
  generator,
  randomScalar,
  sharedSecret,
  decodePoint,
  type EcDomain,
} from '../pace/ec-domain';
import type { ChipSession } from '../session';
import { SecureMessaging } from '../sm';
import { encodeTlv } from '../tlv';

/** id-CA-ECDH-3DES-CBC-CBC: the mechanism when DG14 has a key but no ChipAuthenticationInfo. */
export const OID_CA_ECDH_3DES = `${OID_CA}.2.1`;

export interface CaPlan {
  domain: EcDomain;
  publicKey: Uint8Array;
  keyId: number | null;
  oid: string;
  spec: CipherSpec;
}

/** What to run from DG14: the first ECDH key on a supported curve, with its (or the only) CA info. null: none usable. */
export function planChipAuthentication(dg14: Dg14): CaPlan | null {
  for (const k of dg14.chipAuthenticationPublicKeys) {
    if (k.agreement !== 'ECDH' || k.publicKey.kind !== 'ec') continue;
    const domain = domainOfCurveOid(k.publicKey.curveOid) ?? domainOfSpki(k.publicKey.spki);
    if (!domain) continue;
    const infos = dg14.chipAuthenticationInfos.filter((i) => i.agreement === 'ECDH');
    const info =
      infos.find((i) => i.keyId !== null && i.keyId === k.keyId) ??
      (infos.length === 1 ? infos[0] : undefined);
    const oid = info?.oid ?? OID_CA_ECDH_3DES;
    const spec = info ? { cipher: info.cipher, keyLength: info.keyLength } : cipherOfArc(1)!;
    return { domain, publicKey: k.publicKey.point, keyId: k.keyId ?? info?.keyId ?? null, oid, spec };
  }
  return null;
}

export interface CaOptions {
  /** The terminal's ephemeral private key (tests). */
  ephemeral?: (domain: EcDomain) => bigint;
}

const SELECT_COM = { cla: 0, ins: 0xa4, p1: 0x02, p2: 0x0c, data: Uint8Array.of(0x01, 0x1e) };

function isSmFailure(e: unknown): boolean {
  return e instanceof ChipError && (e.code.startsWith('chip-sm-') || e.code === 'chip-pace-failed');
}

export async function performChipAuthentication(
  session: ChipSession,
  dg14: Dg14,
  opts: CaOptions = {},
): Promise<ChipAuthVerdict> {
  const plan = planChipAuthentication(dg14);
  if (!plan) return 'unsupported';
  let chipKey;
  try {
    chipKey = decodePoint(plan.domain, plan.publicKey, 'DG14 Chip Authentication key');
  } catch {
    return 'failed';
  }
  const sk = opts.ephemeral?.(plan.domain) ?? randomScalar(plan.domain);
  const pk = encodePoint(generator(plan.domain).multiply(sk));
  try {
    const keyRef = plan.keyId === null ? new Uint8Array(0) : encodeTlv(0x84, Uint8Array.of(plan.keyId));
    const mse = await session.send({
      cla: 0,
      ins: 0x22,
      p1: 0x41,
      p2: 0xa4,
      data: concat(encodeTlv(0x80, encodeOidValue(plan.oid)), keyRef),
    });
    if (mse.sw === 0x9000) {
      const ga = await session.send({
        cla: 0,
        ins: 0x86,
        p1: 0,
        p2: 0,
        data: encodeTlv(0x7c, encodeTlv(0x80, pk)),
        le: 256,
      });
      if (ga.sw !== 0x9000) return 'failed';
    } else {
      // Older 3DES chips take the key in MSE:Set KAT (41A6: 91 ephemeral key, 84 key ID), no GA.
      if (plan.spec.cipher !== '3des') return 'unsupported';
      const kat = await session.send({
        cla: 0,
        ins: 0x22,
        p1: 0x41,
        p2: 0xa6,
        data: concat(encodeTlv(0x91, pk), keyRef),
      });
      if (kat.sw !== 0x9000) return 'unsupported';
    }
  } catch (e) {
    if (isSmFailure(e)) return 'failed';
    throw e;
  }
  const k = sharedSecret(plan.domain, sk, chipKey);
  session.rekey(
    new SecureMessaging(
      kdf(k, 1, plan.spec),
      kdf(k, 2, plan.spec),
      new Uint8Array(plan.spec.cipher === 'aes' ? 16 : 8),
      plan.spec.cipher,
    ),
  );
  try {
    const r = await session.send(SELECT_COM);
    return r.sw === 0x9000 ? 'valid' : 'failed';
  } catch (e) {
    if (isSmFailure(e)) return 'failed';
    throw e;
  }
}
