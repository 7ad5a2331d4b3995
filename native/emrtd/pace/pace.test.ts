/**
 * PACE against published vectors, byte for byte:
 * - ICAO Doc 9303-11 Appendix G.1 "PACE worked example" (ECDH generic mapping, brainpoolP256r1, AES-128,
 *   MRZ T22000129 / 640812 / 101031, the terminal's ephemeral keys of the example);
 * - a real New Zealand passport (ECDH-GM, 3DES, brainpoolP256r1) and the AES secure messaging of a real
 *   German ID card, both as recorded in gmrtd's pace tests;
 * - RFC 4493 AES-CMAC.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChipError } from '../errors';
import { fromHex, hex } from '../bytes';
import { aesCmac } from '../crypto/aes';
import { mrzInformation } from '../keys';
import { parseCardAccess } from '../lds/card-access';
import { SecureMessaging } from '../sm';
import { generator, decodePoint, domainOfParameterId, sharedSecret } from './ec-domain';
import { kdf, passwordBytes, passwordKey } from './kdf';
import { authenticationToken, decryptNonce, mapGeneric, performPace, type Transmitter } from './pace';

const hx = (b: Uint8Array) => hex(b).toLowerCase();
const h = (s: string) => fromHex(s.replace(/\s+/g, ''));

/** A chip that answers a recorded exchange and checks that every command is exactly the recorded one. */
class ScriptedChip implements Transmitter {
  private i = 0;
  constructor(private readonly script: [string, string][]) {}
  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    const step = this.script[this.i++];
    if (!step) throw new Error(`unexpected command ${hex(apdu)}`);
    expect(hx(apdu).toUpperCase()).toBe(step[0].toUpperCase());
    return h(step[1]);
  }
  get done(): boolean {
    return this.i === this.script.length;
  }
}

const G1 = {
  cardAccess: '31143012060A04007F0007020204020202010202010D',
  mrz: { documentNumber: 'T22000129', dateOfBirth: '640812', dateOfExpiry: '101031' },
  k: '7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD',
  kPi: '89DED1B26624EC1E634C1989302849DD',
  s: '3F00C4D39D153F2B2A214A078D899B22',
  z: '95A3A016522EE98D01E76CB6B98B42C3',
  skMapIfd: '7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99',
  pkMapIfd:
    '047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D',
  pkMapIc:
    '04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F5730D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54',
  gHat: '048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E28C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522',
  skDhIfd: 'A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595',
  pkDhIfd:
    '042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462',
  pkDhIc:
    '049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094',
  shared: '28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925',
  ksEnc: 'F5F0E35C0D7161EE6724EE513A0D9A7F',
  ksMac: 'FE251C7858B356B24514B3BD5F4297D1',
  tIfd: 'C2B0BD78D94BA866',
  tIc: '3ABB9674BCE93C08',
};

const g1Script = (tIc = G1.tIc): [string, string][] => [
  ['0022C1A412800A04007F0007020204020283010184010D', '9000'],
  ['10860000027C0000', `7C1280 10${G1.z}9000`],
  [`10860000457C438141${G1.pkMapIfd}00`, `7C438241${G1.pkMapIc}9000`],
  [`10860000457C438341${G1.pkDhIfd}00`, `7C438441${G1.pkDhIc}9000`],
  [`008600000C7C0A8508${G1.tIfd}00`, `7C0A8608${tIc}9000`],
];

const fixedKeys = (mapping: string, agreement: string) => ({
  mapping: () => BigInt(`0x${mapping}`),
  agreement: () => BigInt(`0x${agreement}`),
});

describe('ICAO 9303-11 Appendix G.1 — PACE worked example (ECDH-GM, brainpoolP256r1, AES-128)', () => {
  const [info] = parseCardAccess(h(G1.cardAccess)).pace;

  it('EF.CardAccess: one PACEInfo id-PACE-ECDH-GM-AES-CBC-CMAC-128, version 2, parameter 13', () => {
    expect(info).toMatchObject({
      oid: '0.4.0.127.0.7.2.2.4.2.2',
      version: 2,
      parameterId: 13,
      agreement: 'ECDH',
      mapping: 'GM',
      cipher: 'aes',
      keyLength: 16,
    });
  });

  it('password K = SHA-1(MRZ information), Kπ = KDF(K, 3), s = D(Kπ, z)', () => {
    expect(mrzInformation(G1.mrz)).toBe('T22000129364081251010318');
    const mrz = { kind: 'mrz', key: G1.mrz } as const;
    expect(hx(passwordBytes(mrz)).toUpperCase()).toBe(G1.k);
    expect(hx(passwordKey(mrz, info!)).toUpperCase()).toBe(G1.kPi);
    expect(hx(decryptNonce(h(G1.kPi), h(G1.z), info!)).toUpperCase()).toBe(G1.s);
  });

  it('mapping Ĝ = s·G + SK_map,IFD·PK_map,IC; key agreement; session keys; tokens', () => {
    const domain = domainOfParameterId(13);
    const skMap = BigInt(`0x${G1.skMapIfd}`);
    expect(hx(generator(domain).multiply(skMap).toBytes(false)).toUpperCase()).toBe(G1.pkMapIfd);
    const gHat = mapGeneric(domain, h(G1.s), skMap, decodePoint(domain, h(G1.pkMapIc), 'PK'));
    expect(hx(gHat.toBytes(false)).toUpperCase()).toBe(G1.gHat);
    const skDh = BigInt(`0x${G1.skDhIfd}`);
    expect(hx(gHat.multiply(skDh).toBytes(false)).toUpperCase()).toBe(G1.pkDhIfd);
    const k = sharedSecret(domain, skDh, decodePoint(domain, h(G1.pkDhIc), 'PK'));
    expect(hx(k).toUpperCase()).toBe(G1.shared);
    expect(hx(kdf(k, 1, info!)).toUpperCase()).toBe(G1.ksEnc);
    expect(hx(kdf(k, 2, info!)).toUpperCase()).toBe(G1.ksMac);
    expect(hx(authenticationToken(h(G1.ksMac), info!, info!.oid, h(G1.pkDhIc))).toUpperCase()).toBe(G1.tIfd);
    expect(hx(authenticationToken(h(G1.ksMac), info!, info!.oid, h(G1.pkDhIfd))).toUpperCase()).toBe(G1.tIc);
  });

  it('the terminal side of the whole exchange, APDU by APDU', async () => {
    const chip = new ScriptedChip(g1Script());
    const r = await performPace(
      chip,
      { kind: 'mrz', key: G1.mrz },
      info!,
      fixedKeys(G1.skMapIfd, G1.skDhIfd),
    );
    expect(chip.done).toBe(true);
    expect(hx(r.ksEnc).toUpperCase()).toBe(G1.ksEnc);
    expect(hx(r.ksMac).toUpperCase()).toBe(G1.ksMac);
    expect(r.sm.cipher).toBe('aes');
    expect(hx(r.sm.sendSequenceCounter)).toBe('00'.repeat(16));
  });

  it('a wrong chip token or a refused last step fails PACE with a typed error', async () => {
    const keys = fixedKeys(G1.skMapIfd, G1.skDhIfd);
    await expect(
      performPace(new ScriptedChip(g1Script('3ABB9674BCE93C09')), { kind: 'mrz', key: G1.mrz }, info!, keys),
    ).rejects.toMatchObject({ code: 'chip-pace-failed' });
    const refused = g1Script();
    refused[4] = [refused[4]![0], '6300'];
    await expect(
      performPace(new ScriptedChip(refused), { kind: 'mrz', key: G1.mrz }, info!, keys),
    ).rejects.toMatchObject({ code: 'chip-pace-failed', details: { sw: 0x6300 } });
  });

  it('AES secure messaging under the example keys (SELECT of the eMRTD application, SSC 0)', () => {
    const sm = new SecureMessaging(h(G1.ksEnc), h(G1.ksMac), new Uint8Array(16), 'aes');
    const wrapped = sm.wrap({ cla: 0, ins: 0xa4, p1: 0x04, p2: 0x0c, data: h('A0000002471001') });
    expect(hx(wrapped).toUpperCase()).toBe(
      '0CA4040C1D871101752F676B09FAC86A87D632749A49C7CC8E08C18BA1FCE707BD9F00',
    );
    expect(sm.unwrap(h('990290008E08BEA7B381C494A0799000'))).toMatchObject({ sw: 0x9000, plain: false });
  });
});

describe('recorded chips (gmrtd pace tests)', () => {
  it('New Zealand passport: ECDH-GM, 3DES, brainpoolP256r1', async () => {
    const [info] = parseCardAccess(h('31143012060a04007f0007020204020102010202010d')).pace;
    expect(info).toMatchObject({ cipher: '3des', mapping: 'GM', parameterId: 13 });
    const chip = new ScriptedChip([
      ['0022C1A412800A04007F0007020204020183010184010D', '9000'],
      ['10860000027c0000', '7c128010b88382812290017af1cc906ff00e7f4d9000'],
      [
        '10860000457c438141047706b2b6246ab4612229b8a11212ddba7fea0568c9c0975dee22c0e3dd3a3f0321e8afee836e373b570d24000d56fb195104d486e63321ff8c819dd5ee018dcb00',
        '7c43824104780b4edec9b926f9f964fad826d9990a667608d96ba7b397ae8609b6533e0d036d148365ddf4e5ff6611c2b62aa17fc9899f327bc929db543e7abd0ee724e4be9000',
      ],
      [
        '10860000457c43834104507a0156efae8fb8acc519036c0b2fe0393c878744c7f91878ee4e07a41412ba5c0753d68a44a91e9f57f3f992ab689e6c2065d3b2a27c3658a4fd632931ee3800',
        '7c438441042dbaf62e6fdfb31eb66f206493b9e7721586f0e5c93754d7bd5a884ca251ee4d720ab539a60561bc46812fa289b58ac69f0c6e32adbaf7241049a31211f80f5b9000',
      ],
      ['008600000c7c0a85088d7c617d43efe09e00', '7c0a8608cb57047c809079f69000'],
    ]);
    const r = await performPace(
      chip,
      { kind: 'mrz', key: { documentNumber: 'LM277954', dateOfBirth: '781214', dateOfExpiry: '271115' } },
      info!,
      fixedKeys(
        '2808272c0ec20e01a3450030ef32855e9feb5cb17719e985389b1cf47609e69f',
        '8f89449052df6c7983750c7b042c3cea12b36819174424c7cd28153f7b70b402',
      ),
    );
    expect(chip.done).toBe(true);
    expect(hx(r.ksEnc)).toBe('430e4c8c38dfefaed92067b919a897f8');
    expect(hx(r.ksMac)).toBe('c1bc1f075797b970b5a45e64a764b0cb');
    expect(hx(r.sm.sendSequenceCounter)).toBe('00'.repeat(8));
  });

  it('German ID card: AES-128 secure messaging SELECT EF.SOD and its answer', () => {
    const sm = new SecureMessaging(
      h('a8e85e938514ec67ae33cda3d43d3c48'),
      h('27f1adeb705a049a305b0c619b14b9b3'),
      new Uint8Array(16),
      'aes',
    );
    expect(hx(sm.wrap({ cla: 0, ins: 0xa4, p1: 0x02, p2: 0x0c, data: h('011d') }))).toBe(
      '0ca4020c1d87110147ee2e3bd440fb596167f2bb6cd6395e8e08a105747484314bcf00',
    );
    expect(sm.unwrap(h('990290008e085f570baddd1002d29000'))).toMatchObject({ sw: 0x9000 });
    // A flipped MAC bit is refused.
    const sm2 = new SecureMessaging(
      h('a8e85e938514ec67ae33cda3d43d3c48'),
      h('27f1adeb705a049a305b0c619b14b9b3'),
      new Uint8Array(16),
      'aes',
    );
    sm2.wrap({ cla: 0, ins: 0xa4, p1: 0x02, p2: 0x0c, data: h('011d') });
    expect(() => sm2.unwrap(h('990290008e085f570baddd1002d39000'))).toThrow(
      expect.objectContaining({ code: 'chip-sm-mac-invalid' }),
    );
  });
});

describe('RFC 4493 AES-CMAC', () => {
  const key = h('2b7e151628aed2a6abf7158809cf4f3c');
  const msg = h(
    '6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710',
  );
  it.each([
    [0, 'bb1d6929e95937287fa37d129b756746'],
    [16, '070a16b46b4d4144f79bdd9dd04a287c'],
    [40, 'dfa66747de9ae63030ca32611497c827'],
    [64, '51f0bebf7e3b9d92fc49741779363cfe'],
  ])('%i-byte message', (n, mac) => {
    expect(hx(aesCmac(key, msg.subarray(0, n)))).toBe(mac);
  });
});

describe('a misbehaving chip during PACE', () => {
  const [info] = parseCardAccess(h(G1.cardAccess)).pace;
  const numRuns = Number(process.env.FUZZ_RUNS ?? 10000);
  it('any answers (random, or the example with bytes changed) end in success or a typed ChipError', async () => {
    const genuine = g1Script().map(([, r]) => h(r));
    const answer = fc.oneof(
      fc.uint8Array({ maxLength: 80 }),
      fc.tuple(fc.nat(4), fc.nat(80), fc.integer({ min: 0, max: 255 })).map(([i, at, v]) => {
        const b = Uint8Array.from(genuine[i]!);
        if (b.length > 2) b[at % (b.length - 2)] = v;
        return b;
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 5, maxLength: 5 }), async (answers) => {
        let i = 0;
        const chip: Transmitter = { transmit: async () => answers[i++] ?? Uint8Array.of(0x6f, 0x00) };
        try {
          await performPace(chip, { kind: 'mrz', key: G1.mrz }, info!, fixedKeys(G1.skMapIfd, G1.skDhIfd));
        } catch (e) {
          if (!(e instanceof ChipError)) throw e;
        }
      }),
      { numRuns },
    );
  });
});
