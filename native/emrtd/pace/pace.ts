/**
 * PACE (ICAO 9303-11 §4.4) with Generic Mapping over ECDH, terminal side: MSE:Set AT, then four chained
 * GENERAL AUTHENTICATE steps — encrypted nonce, mapping, key agreement, mutual authentication — and secure
 * messaging (3DES or AES) under the new keys with SSC = 0. One function per step; the ephemeral keys can
 * be injected so the ICAO Appendix G worked example replays byte for byte (pace.test.ts).
 */
import { encodeApdu, splitResponse, swHex } from '../apdu';
import { concat, equalBytes } from '../bytes';
import { aesCbcDecrypt, aesCmac } from '../crypto/aes';
import { retailMac, tdesDecrypt } from '../crypto/des';
import { ChipError } from '../errors';
import type { PaceInfo } from '../lds/card-access';
import { encodeOidValue } from './oid';
import type { CipherSpec } from '../lds/security-infos';
import { SecureMessaging } from '../sm';
import { encodeTlv, parseTlvList } from '../tlv';
import {
  bytesToBigint,
  decodePoint,
  domainOfParameterId,
  encodePoint,
  generator,
  order,
  randomScalar,
  sharedSecret,
  type EcDomain,
  type EcPoint,
} from './ec-domain';
import { kdf, passwordKey, passwordReference, type PacePassword } from './kdf';

export interface Transmitter {
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
}

/** Terminal ephemeral private keys (tests only: the worked example's SK_map,IFD and SK_DH,IFD). */
export interface PaceKeySource {
  mapping(domain: EcDomain): bigint;
  agreement(domain: EcDomain): bigint;
}

export interface PaceResult {
  sm: SecureMessaging;
  ksEnc: Uint8Array;
  ksMac: Uint8Array;
  /** The chip's ephemeral public key (PK_DH,IC): Chip Authentication binds to it. */
  chipEphemeralKey: Uint8Array;
}

/** PACE OIDs this terminal implements: ECDH Generic Mapping with 3DES or AES. */
export function isSupportedPace(info: PaceInfo): boolean {
  if (info.agreement !== 'ECDH' || info.mapping !== 'GM') return false;
  try {
    domainOfParameterId(info.parameterId);
    return true;
  } catch {
    return false;
  }
}

function fail(message: string, sw?: number): never {
  throw new ChipError('chip-pace-failed', message, sw === undefined ? {} : { sw });
}

/** MSE:Set AT for PACE: 80 cryptographic mechanism (OID), 83 password reference, 84 domain parameter ID. */
export function mseSetAtPace(info: PaceInfo, password: PacePassword): Uint8Array {
  const data = concat(
    encodeTlv(0x80, encodeOidValue(info.oid)),
    encodeTlv(0x83, Uint8Array.of(passwordReference(password))),
    info.parameterId === null ? new Uint8Array(0) : encodeTlv(0x84, Uint8Array.of(info.parameterId)),
  );
  return encodeApdu({ cla: 0x00, ins: 0x22, p1: 0xc1, p2: 0xa4, data });
}

/** GENERAL AUTHENTICATE with a dynamic authentication data object 7C; `last` ends the command chain. */
export function generalAuthenticate(inner: Uint8Array, last: boolean): Uint8Array {
  return encodeApdu({
    cla: last ? 0x00 : 0x10,
    ins: 0x86,
    p1: 0,
    p2: 0,
    data: encodeTlv(0x7c, inner),
    le: 256,
  });
}

/** Sends one GENERAL AUTHENTICATE and returns the value of the answer's `tag` inside 7C. */
async function exchange(t: Transmitter, apdu: Uint8Array, tag: number, step: string): Promise<Uint8Array> {
  const r = splitResponse(await t.transmit(apdu));
  if (r.sw !== 0x9000) fail(`PACE ${step} refused (SW ${swHex(r.sw)})`, r.sw);
  let inner;
  try {
    const [outer] = parseTlvList(r.data);
    if (!outer || outer.tag !== 0x7c) throw new Error('no 7C');
    inner = parseTlvList(outer.value).find((x) => x.tag === tag);
  } catch {
    fail(`PACE ${step}: answer is not a dynamic authentication data object`);
  }
  if (!inner) fail(`PACE ${step}: answer has no tag ${tag.toString(16)}`);
  return inner.value;
}

/** s = D(Kπ, z) with a zero IV. */
export function decryptNonce(kPi: Uint8Array, z: Uint8Array, spec: CipherSpec): Uint8Array {
  const block = spec.cipher === 'aes' ? 16 : 8;
  if (z.length === 0 || z.length % block !== 0) fail('encrypted nonce has a bad length');
  return spec.cipher === 'aes' ? aesCbcDecrypt(kPi, z) : tdesDecrypt(kPi, z);
}

/** Generic mapping (§4.4.3.3.1): Ĝ = s·G + H with H = SK_map,IFD · PK_map,IC. */
export function mapGeneric(domain: EcDomain, s: Uint8Array, skMap: bigint, pkMapIc: EcPoint): EcPoint {
  const h = pkMapIc.multiply(skMap);
  const sn = bytesToBigint(s) % order(domain);
  if (sn === 0n) fail('nonce is zero');
  const g = generator(domain).multiply(sn).add(h);
  if (g.equals(domain.curve.Point.ZERO as EcPoint)) fail('mapped generator is the point at infinity');
  return g;
}

/** Public key data object for the token (§4.4.3.4 / 9.4.2): 7F49 { 06 OID, 86 point }. */
export function publicKeyDataObject(oid: string, point: Uint8Array): Uint8Array {
  return encodeTlv(0x7f49, concat(encodeTlv(0x06, encodeOidValue(oid)), encodeTlv(0x86, point)));
}

/** Authentication token T = MAC(KS.mac, public key data object): 3DES retail MAC or AES CMAC, 8 bytes. */
export function authenticationToken(
  ksMac: Uint8Array,
  spec: CipherSpec,
  oid: string,
  point: Uint8Array,
): Uint8Array {
  const data = publicKeyDataObject(oid, point);
  return spec.cipher === 'aes' ? aesCmac(ksMac, data).subarray(0, 8) : retailMac(ksMac, data);
}

export async function performPace(
  t: Transmitter,
  password: PacePassword,
  info: PaceInfo,
  keys?: PaceKeySource,
): Promise<PaceResult> {
  if (!isSupportedPace(info)) fail(`PACE ${info.oid} not supported`);
  const domain = domainOfParameterId(info.parameterId);
  const spec: CipherSpec = { cipher: info.cipher, keyLength: info.keyLength };

  const mse = splitResponse(await t.transmit(mseSetAtPace(info, password)));
  // 63Cx: accepted, x tries left (the CAN/PIN retry counter).
  if (mse.sw !== 0x9000 && (mse.sw & 0xfff0) !== 0x63c0)
    fail(`MSE:Set AT refused (SW ${swHex(mse.sw)})`, mse.sw);

  // 1. Encrypted nonce.
  const z = await exchange(t, generalAuthenticate(new Uint8Array(0), false), 0x80, 'nonce');
  const s = decryptNonce(passwordKey(password, spec), z, spec);

  // 2. Mapping.
  const skMap = keys?.mapping(domain) ?? randomScalar(domain);
  const pkMap = generator(domain).multiply(skMap);
  const pkMapIcBytes = await exchange(
    t,
    generalAuthenticate(encodeTlv(0x81, encodePoint(pkMap)), false),
    0x82,
    'mapping',
  );
  const pkMapIc = decodePoint(domain, pkMapIcBytes, 'PK_map,IC');
  if (pkMapIc.equals(pkMap)) fail('chip echoed the mapping key');
  const gHat = mapGeneric(domain, s, skMap, pkMapIc);

  // 3. Key agreement on the mapped generator.
  const skEph = keys?.agreement(domain) ?? randomScalar(domain);
  const pkEph = encodePoint(gHat.multiply(skEph));
  const pkEphIcBytes = await exchange(
    t,
    generalAuthenticate(encodeTlv(0x83, pkEph), false),
    0x84,
    'key agreement',
  );
  const pkEphIc = decodePoint(domain, pkEphIcBytes, 'PK_DH,IC');
  if (equalBytes(pkEphIcBytes, pkEph)) fail('chip echoed the ephemeral key');
  const k = sharedSecret(domain, skEph, pkEphIc);
  const ksEnc = kdf(k, 1, spec);
  const ksMac = kdf(k, 2, spec);

  // 4. Mutual authentication with the tokens.
  const tIfd = authenticationToken(ksMac, spec, info.oid, pkEphIcBytes);
  const tIc = await exchange(t, generalAuthenticate(encodeTlv(0x85, tIfd), true), 0x86, 'authentication');
  if (!equalBytes(tIc, authenticationToken(ksMac, spec, info.oid, pkEph)))
    fail('the chip authentication token does not verify');
  const ssc = new Uint8Array(info.cipher === 'aes' ? 16 : 8);
  return {
    sm: new SecureMessaging(ksEnc, ksMac, ssc, info.cipher),
    ksEnc,
    ksMac,
    chipEphemeralKey: pkEphIcBytes,
  };
}
