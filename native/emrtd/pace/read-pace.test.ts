/**
 * readCard with PACE and Chip Authentication against the simulator's in-process card (written independently,
 * from the specification): PACE with the CAN and with the MRZ, a PACE-only chip without its CAN, a wrong
 * CAN, BAC forced, AES block sizes, re-authentication by PACE after SM errors; CA success and failure.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInProcessCard, loadProfile, PKI_DIR } from '../../simulator';
import { readCard, trustStoreFromPem } from '../index';
import { parseDg14 } from '../lds/dg14';
import { planChipAuthentication } from '../ca/chip-auth';

const trustStore = trustStoreFromPem(readFileSync(path.join(PKI_DIR, 'csca.cert.pem'), 'utf8'));
const paceOnly = loadProfile('pace-only');
const chipAuth = loadProfile('chip-auth');

/** A transport that records the plain headers (CLA INS P1 P2) of every command. */
function recorded(card: ReturnType<typeof createInProcessCard>) {
  const headers: string[] = [];
  return {
    headers,
    transport: {
      readerName: card.readerName,
      extendedLength: card.extendedLength,
      transmit: (a: Uint8Array) => {
        headers.push(Buffer.from(a.subarray(0, 4)).toString('hex'));
        return card.transmit(a);
      },
    },
  };
}

describe('PACE', () => {
  it('a PACE-only chip opens with its CAN (AES-128, brainpoolP256r1) and Chip Authentication passes', async () => {
    const { headers, transport } = recorded(createInProcessCard(paceOnly));
    const r = await readCard(transport, { keys: [paceOnly.bac], can: paceOnly.chip!.pace!.can, trustStore });
    expect(r.stats.access).toBe('pace');
    expect(r.keyUsed).toBeNull();
    expect(r.identity).toMatchObject({ fullName: 'Lê Văn Khải', idNumber: paceOnly.idNumber });
    expect(r.verification).toEqual({
      passive: 'valid',
      active: 'valid',
      chipAuthentication: 'valid',
      requires: { activeAuthentication: true, chipAuthentication: true },
      notRead: ['DG3'],
    });
    // EF.CardAccess by SFI, MSE:Set AT, four GENERAL AUTHENTICATE (three chained), no BAC at all.
    expect(headers.slice(0, 6)).toEqual([
      '00b09c00',
      '0022c1a4',
      '10860000',
      '10860000',
      '10860000',
      '00860000',
    ]);
    expect(headers).not.toContain('00840000');
    // Chip Authentication under SM: MSE:Set AT 41A4 then GENERAL AUTHENTICATE.
    expect(headers).toContain('0c2241a4');
    expect(headers).toContain('0c860000');
  });

  it('without the CAN a PACE-only chip gives chip-can-required; a wrong CAN gives chip-pace-failed', async () => {
    await expect(
      readCard(createInProcessCard(paceOnly), { keys: [paceOnly.bac], trustStore }),
    ).rejects.toMatchObject({
      code: 'chip-can-required',
    });
    await expect(
      readCard(createInProcessCard(paceOnly), { keys: [paceOnly.bac], can: '000000', trustStore }),
    ).rejects.toMatchObject({ code: 'chip-pace-failed' });
  });

  it('PACE with the MRZ (3DES, NIST P-256), then CA switches secure messaging to AES-256 (P-384)', async () => {
    const r = await readCard(createInProcessCard(chipAuth), { keys: [chipAuth.bac], trustStore });
    expect(r.stats.access).toBe('pace');
    expect(r.keyUsed).toEqual(chipAuth.bac);
    expect(r.verification).toMatchObject({ passive: 'valid', active: 'valid', chipAuthentication: 'valid' });
    const plan = planChipAuthentication(parseDg14(r.files.DG14!));
    expect(plan).toMatchObject({
      keyId: 2,
      spec: { cipher: 'aes', keyLength: 32 },
      domain: { name: 'P-384' },
    });
  });

  it('the CAN of a card that also takes the MRZ works too, and `pace: false` forces BAC (CA still runs)', async () => {
    const byCan = await readCard(createInProcessCard(chipAuth), {
      keys: [],
      can: chipAuth.chip!.pace!.can,
      trustStore,
      files: ['DG1', 'SOD'],
    });
    expect(byCan.stats.access).toBe('pace');
    const bac = await readCard(createInProcessCard(chipAuth), {
      keys: [chipAuth.bac],
      pace: false,
      trustStore,
    });
    expect(bac.stats.access).toBe('bac');
    expect(bac.verification).toMatchObject({
      chipAuthentication: 'valid',
      active: 'valid',
      passive: 'valid',
    });
  });

  it('AES secure messaging reads in 223-byte blocks on short APDUs; SM errors re-run PACE and the read resumes', async () => {
    const card = createInProcessCard(paceOnly, { faults: ['no-extended-length', 'sm-error-rate:0.05'] });
    const r = await readCard(card, { keys: [], can: paceOnly.chip!.pace!.can, trustStore });
    expect(r.stats).toMatchObject({ extendedLength: false, blockSize: 223, access: 'pace' });
    expect(r.stats.bacRuns).toBeGreaterThan(2);
    expect(r.verification).toMatchObject({ passive: 'valid', active: 'valid', chipAuthentication: 'valid' });
  });
});

describe('Chip Authentication', () => {
  it('a copy with DG14 but another private key fails CA (and the read still completes)', async () => {
    for (const profile of [paceOnly, chipAuth]) {
      const r = await readCard(createInProcessCard(profile, { faults: ['ca-fail'] }), {
        keys: [profile.bac],
        can: profile.chip!.pace!.can,
        trustStore,
      });
      expect(r.verification).toMatchObject({
        passive: 'valid',
        chipAuthentication: 'failed',
        requires: { chipAuthentication: true },
      });
      expect(r.identity?.idNumber).toBe(profile.idNumber);
    }
  });

  it('a card without CA keys in DG14 reports unsupported and does not require it', async () => {
    const young = loadProfile('young');
    const r = await readCard(createInProcessCard(young), { keys: [young.bac], trustStore });
    expect(r.verification).toMatchObject({
      chipAuthentication: 'unsupported',
      requires: { chipAuthentication: false },
    });
  });
});

describe('every cipher and curve, PACE then CA (the simulator configured per case)', () => {
  const cases = [
    ['3des', 'brainpoolP384r1', 'aes-192', 'P-256'],
    ['aes-128', 'P-256', '3des', 'brainpoolP256r1'],
    ['aes-192', 'brainpoolP256r1', 'aes-256', 'brainpoolP384r1'],
    ['aes-256', 'P-384', 'aes-128', 'P-384'],
    ['aes-128', 'brainpoolP256r1', '3des', 'P-256', 'kat'],
  ] as const;
  for (const [paceCipher, paceCurve, caCipher, caCurve, kat] of cases) {
    it(`PACE ${paceCipher} on ${paceCurve}, CA ${caCipher} on ${caCurve}${kat ? ' (MSE:Set KAT)' : ''}`, async () => {
      const profile = {
        ...chipAuth,
        id: `matrix-${paceCipher}-${paceCurve}-${caCipher}-${caCurve}`,
        chip: {
          pace: { can: '123456', curve: paceCurve, cipher: paceCipher, mrz: true },
          bac: false,
          chipAuthentication: { curve: caCurve, cipher: caCipher, keyId: 1, kat: kat === 'kat' },
        },
      };
      const r = await readCard(createInProcessCard(profile, { faults: ['no-extended-length'] }), {
        keys: [profile.bac],
        trustStore,
      });
      expect(r.stats).toMatchObject({ access: 'pace', extendedLength: false });
      expect(r.stats.blockSize).toBe(caCipher === '3des' ? 231 : 223);
      expect(r.verification).toMatchObject({
        passive: 'valid',
        active: 'valid',
        chipAuthentication: 'valid',
      });
    });
  }
});
