/**
 * Generates the TEST-ONLY PKI of the card simulator into fixtures/pki/:
 * a CSCA (P-384, like Vietnam's), a Document Signer (P-256) under it, a second "rogue" CSCA with its own DS
 * (unknown-csca case), and an expired DS under the genuine CSCA (expired-chain case).
 * These keys are published on purpose and protect nothing. Usage: `npx tsx scripts/make-test-pki.ts [outDir]`.
 */
import { webcrypto } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const crypto = webcrypto;
// pkijs is typed against the DOM's Crypto; Node's webcrypto is the same API under Node's types
type EngineCrypto = ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'];
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: crypto as unknown as EngineCrypto }));

type Curve = 'P-256' | 'P-384';
interface Issued {
  cert: pkijs.Certificate;
  keys: webcrypto.CryptoKeyPair;
  curve: Curve;
}

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64.trimEnd()}\n-----END ${label}-----\n`;
}

function name(cn: string, serial?: string): pkijs.RelativeDistinguishedNames {
  const attrs = [
    new pkijs.AttributeTypeAndValue({ type: '2.5.4.6', value: new asn1js.PrintableString({ value: 'VN' }) }),
    new pkijs.AttributeTypeAndValue({
      type: '2.5.4.10',
      value: new asn1js.Utf8String({ value: 'Kiosk TEST PKI (not a real authority)' }),
    }),
    new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: cn }) }),
  ];
  if (serial)
    attrs.push(
      new pkijs.AttributeTypeAndValue({
        type: '2.5.4.5',
        value: new asn1js.PrintableString({ value: serial }),
      }),
    );
  // One attribute per RDN (C, O, CN, serialNumber), as real CSCA/DS certificates have.
  const schema = new asn1js.Sequence({ value: attrs.map((a) => new asn1js.Set({ value: [a.toSchema()] })) });
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: attrs,
    valueBeforeDecode: schema.toBER(false),
  });
}

async function keyId(publicKey: webcrypto.CryptoKey): Promise<ArrayBuffer> {
  const raw = await crypto.subtle.exportKey('raw', publicKey);
  return crypto.subtle.digest('SHA-1', raw);
}

async function makeCert(opts: {
  cn: string;
  serialNumber: number;
  curve: Curve;
  notBefore: string;
  notAfter: string;
  ca: boolean;
  issuer?: Issued;
}): Promise<Issued> {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: opts.curve }, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: opts.serialNumber });
  cert.subject = name(opts.cn, String(opts.serialNumber).padStart(3, '0'));
  cert.issuer = opts.issuer ? opts.issuer.cert.subject : cert.subject;
  cert.notBefore.value = new Date(opts.notBefore);
  cert.notAfter.value = new Date(opts.notAfter);
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  const ski = await keyId(keys.publicKey);
  const aki = opts.issuer ? await keyId(opts.issuer.keys.publicKey) : ski;
  const keyUsageBits = opts.ca ? 0x06 : 0x80; // keyCertSign|cRLSign : digitalSignature
  const keyUsage = new asn1js.BitString({
    valueHex: new Uint8Array([keyUsageBits]).buffer,
    unusedBits: opts.ca ? 1 : 7,
  });
  cert.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: opts.ca, ...(opts.ca ? { pathLenConstraint: 0 } : {}) })
        .toSchema()
        .toBER(false),
    }),
    new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: keyUsage.toBER(false) }),
    new pkijs.Extension({
      extnID: '2.5.29.14',
      extnValue: new asn1js.OctetString({ valueHex: ski }).toBER(false),
    }),
    new pkijs.Extension({
      extnID: '2.5.29.35',
      extnValue: new pkijs.AuthorityKeyIdentifier({
        keyIdentifier: new asn1js.OctetString({ valueHex: aki }),
      })
        .toSchema()
        .toBER(false),
    }),
  ];
  const signer = opts.issuer ?? { keys, curve: opts.curve };
  await cert.sign(signer.keys.privateKey, signer.curve === 'P-384' ? 'SHA-384' : 'SHA-256');
  return { cert, keys, curve: opts.curve };
}

async function write(outDir: string, stem: string, issued: Issued): Promise<void> {
  writeFileSync(
    path.join(outDir, `${stem}.cert.pem`),
    pem('CERTIFICATE', issued.cert.toSchema(true).toBER(false)),
  );
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', issued.keys.privateKey);
  writeFileSync(path.join(outDir, `${stem}.key.pem`), pem('PRIVATE KEY', pkcs8));
}

async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? 'fixtures/pki');
  mkdirSync(outDir, { recursive: true });
  const csca = await makeCert({
    cn: 'CSCA Vietnam TEST',
    serialNumber: 1,
    curve: 'P-384',
    notBefore: '2020-01-01T00:00:00Z',
    notAfter: '2045-12-31T23:59:59Z',
    ca: true,
  });
  const ds = await makeCert({
    cn: 'Document Signer Vietnam TEST',
    serialNumber: 101,
    curve: 'P-256',
    notBefore: '2021-01-01T00:00:00Z',
    notAfter: '2036-12-31T23:59:59Z',
    ca: false,
    issuer: csca,
  });
  const expired = await makeCert({
    cn: 'Document Signer Vietnam TEST (expired)',
    serialNumber: 102,
    curve: 'P-256',
    notBefore: '2014-01-01T00:00:00Z',
    notAfter: '2019-12-31T23:59:59Z',
    ca: false,
    issuer: csca,
  });
  const rogue = await makeCert({
    cn: 'CSCA Rogue TEST',
    serialNumber: 1,
    curve: 'P-384',
    notBefore: '2020-01-01T00:00:00Z',
    notAfter: '2045-12-31T23:59:59Z',
    ca: true,
  });
  const rogueDs = await makeCert({
    cn: 'Document Signer Rogue TEST',
    serialNumber: 201,
    curve: 'P-256',
    notBefore: '2021-01-01T00:00:00Z',
    notAfter: '2036-12-31T23:59:59Z',
    ca: false,
    issuer: rogue,
  });
  await write(outDir, 'csca', csca);
  await write(outDir, 'ds', ds);
  await write(outDir, 'ds-expired', expired);
  await write(outDir, 'rogue-csca', rogue);
  await write(outDir, 'rogue-ds', rogueDs);
  console.log(JSON.stringify({ event: 'pki-written', dir: outDir }));
}

await main();
