/** Chip Authentication planning from DG14: named and explicit EC domain parameters, key IDs, the default mechanism. */
import { brainpoolP256r1 } from '@noble/curves/misc.js';
import { describe, expect, it } from 'vitest';
import { concat } from '../bytes';
import { parseDg14 } from '../lds/dg14';
import { bitString, int, octets, oid, seq, set } from '../testing/der-builder';
import { encodeTlv } from '../tlv';
import { bigintToBytes } from '../pace/ec-domain';
import { OID_CA_ECDH_3DES, planChipAuthentication } from './chip-auth';

const c = brainpoolP256r1.Point.CURVE();
const point = brainpoolP256r1.Point.BASE.multiply(7n).toBytes(false);
const explicitParams = seq(
  int(1),
  seq(oid('1.2.840.10045.1.1'), int(c.p)),
  seq(octets(bigintToBytes(c.a, 32)), octets(bigintToBytes(c.b, 32))),
  octets(brainpoolP256r1.Point.BASE.toBytes(false)),
  int(c.n),
  int(1),
);
const spki = (params: Uint8Array) => seq(seq(oid('1.2.840.10045.2.1'), params), bitString(point));
const dg14 = (...infos: Uint8Array[]) => encodeTlv(0x6e, set(...infos));
const caPk = (params: Uint8Array, keyId?: number) =>
  seq(oid('0.4.0.127.0.7.2.2.1.2'), spki(params), ...(keyId === undefined ? [] : [int(keyId)]));

describe('planChipAuthentication', () => {
  it('explicit ECParameters (as real chips write them) are matched to brainpoolP256r1', () => {
    const plan = planChipAuthentication(
      parseDg14(dg14(caPk(explicitParams, 1), seq(oid('0.4.0.127.0.7.2.2.3.2.2'), int(1), int(1)))),
    );
    expect(plan).toMatchObject({
      keyId: 1,
      oid: '0.4.0.127.0.7.2.2.3.2.2',
      domain: { name: 'brainpoolP256r1' },
    });
    expect(plan!.spec).toEqual({ cipher: 'aes', keyLength: 16 });
    expect(plan!.publicKey).toEqual(point);
  });

  it('a named curve without ChipAuthenticationInfo uses id-CA-ECDH-3DES-CBC-CBC', () => {
    const plan = planChipAuthentication(parseDg14(dg14(caPk(oid('1.3.36.3.3.2.8.1.1.7')))));
    expect(plan).toMatchObject({
      oid: OID_CA_ECDH_3DES,
      keyId: null,
      spec: { cipher: '3des', keyLength: 16 },
    });
  });

  it('an unknown curve or explicit parameters of no known curve → no plan (unsupported)', () => {
    expect(planChipAuthentication(parseDg14(dg14(caPk(oid('1.2.3.4')))))).toBeNull();
    const odd = concat(explicitParams);
    odd[odd.length - 4] = odd[odd.length - 4]! ^ 1; // a different order
    expect(planChipAuthentication(parseDg14(dg14(caPk(odd))))).toBeNull();
  });
});
