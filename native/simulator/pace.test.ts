/**
 * The card side of PACE against ICAO Doc 9303-11 Appendix G.1 (ECDH generic mapping, brainpoolP256r1,
 * AES-128): with the example's nonce and the chip's ephemeral keys, every answer is the published one.
 * Also RFC 4493 AES-CMAC and the KDF (Kπ of the example) of the card's own crypto.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from './bytes';
import { cmac, kdf } from './pace-crypto';
import { createInProcessCard } from './in-process';
import { buildCardAccess, CardPace } from './pace';
import { loadProfile } from './profile';

const numRuns = Number(process.env.FUZZ_RUNS ?? 10000);

const H = (s: string) => fromHex(s.replace(/\s+/g, ''));
const mrzInformation = 'T22000129364081251010318';
const keys = [
  0x498ff49756f2dc1587840041839a85982be7761d14715fb091efa7bce9058560n, // SK_map,IC
  0x107cf58696ef6155053340fd633392ba81909df7b9706f226f32086c7aff974an, // SK_DH,IC
];

describe('card-side PACE, ICAO 9303-11 Appendix G.1', () => {
  it('answers every GENERAL AUTHENTICATE of the worked example byte for byte', () => {
    const scalars = [...keys];
    const pace = new CardPace(
      { can: '000000', curve: 'brainpoolP256r1', cipher: 'aes-128', mrz: true },
      mrzInformation,
      {
        nonce: () => H('3F00C4D39D153F2B2A214A078D899B22'),
        scalar: () => scalars.shift()!,
      },
    );
    expect(pace.setAt(H('800A04007F00070202040202830101 84010D'))).toBe(0x9000);
    const r1 = pace.generalAuthenticate(H('7C00'), false);
    expect(hex(r1.data).toUpperCase()).toBe('7C12801095A3A016522EE98D01E76CB6B98B42C3');
    const r2 = pace.generalAuthenticate(
      H(
        '7C438141047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D',
      ),
      false,
    );
    expect(hex(r2.data).toUpperCase()).toBe(
      '7C43824104824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F5730D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54',
    );
    const r3 = pace.generalAuthenticate(
      H(
        '7C438341042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462',
      ),
      false,
    );
    expect(hex(r3.data).toUpperCase()).toBe(
      '7C438441049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094',
    );
    const r4 = pace.generalAuthenticate(H('7C0A8508C2B0BD78D94BA866'), true);
    expect(r4.status).toBe(0x9000);
    expect(hex(r4.data).toUpperCase()).toBe('7C0A86083ABB9674BCE93C08');
    expect(hex(r4.session!.ksEnc).toUpperCase()).toBe('F5F0E35C0D7161EE6724EE513A0D9A7F');
    expect(hex(r4.session!.ksMac).toUpperCase()).toBe('FE251C7858B356B24514B3BD5F4297D1');
  });

  it('a wrong terminal token → 6300; a password the card does not take → 6A80', () => {
    const scalars = [...keys];
    const pace = new CardPace(
      { can: '000000', curve: 'brainpoolP256r1', cipher: 'aes-128', mrz: false },
      mrzInformation,
      {
        // The terminal decrypted another nonce (wrong password): the card's generator differs, so does the token.
        nonce: () => H('00112233445566778899AABBCCDDEEFF'),
        scalar: () => scalars.shift()!,
      },
    );
    expect(pace.setAt(H('800A04007F00070202040202830101'))).toBe(0x6a80);
    expect(pace.setAt(H('800A04007F00070202040202830102'))).toBe(0x9000);
    pace.generalAuthenticate(H('7C00'), false);
    pace.generalAuthenticate(
      H(
        '7C438141047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D',
      ),
      false,
    );
    pace.generalAuthenticate(
      H(
        '7C438341042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462',
      ),
      false,
    );
    expect(pace.generalAuthenticate(H('7C0A8508C2B0BD78D94BA866'), true).status).toBe(0x6300);
  });

  it('EF.CardAccess of a PACE profile is the App. G.1 one for the same algorithm', () => {
    expect(
      hex(
        buildCardAccess({ can: '1', curve: 'brainpoolP256r1', cipher: 'aes-128', mrz: true }),
      ).toUpperCase(),
    ).toBe('31143012060A04007F0007020204020202010202010D');
  });

  it('KDF (Kπ of App. G) and RFC 4493 AES-CMAC', () => {
    expect(hex(kdf(H('7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD'), 3, 'aes-128')).toUpperCase()).toBe(
      '89DED1B26624EC1E634C1989302849DD',
    );
    const key = H('2b7e151628aed2a6abf7158809cf4f3c');
    expect(hex(cmac(key, new Uint8Array(0))).toLowerCase()).toBe('bb1d6929e95937287fa37d129b756746');
    expect(hex(cmac(key, H('6bc1bee22e409f96e93d7e117393172a'))).toLowerCase()).toBe(
      '070a16b46b4d4144f79bdd9dd04a287c',
    );
    expect(
      hex(
        cmac(key, H('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411')),
      ).toLowerCase(),
    ).toBe('dfa66747de9ae63030ca32611497c827');
  });
});

describe('card-side PACE and CA under fuzzing', () => {
  it('MSE:Set AT and GENERAL AUTHENTICATE with any data, chained or not, always get a status word', async () => {
    const card = createInProcessCard(loadProfile('pace-only'));
    const setAt = H('0022C1A412800A04007F0007020204020283010284010D');
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.constantFrom(0x00, 0x10, 0x0c, 0x1c),
        fc.constantFrom(0x22, 0x86),
        fc.constantFrom([0xc1, 0xa4], [0x41, 0xa4], [0x00, 0x00], [0x81, 0xb6]),
        fc.oneof(
          fc.uint8Array({ maxLength: 80 }),
          fc.uint8Array({ maxLength: 70 }).map((v) => Uint8Array.from([0x7c, v.length, ...v])),
          fc
            .tuple(fc.constantFrom(0x80, 0x81, 0x83, 0x85), fc.uint8Array({ maxLength: 66 }))
            .map(([tag, v]) => Uint8Array.from([0x7c, v.length + 2, tag, v.length, ...v])),
        ),
        async (armFirst, cla, ins, [p1, p2], data) => {
          if (armFirst) expect(hex(await card.transmit(setAt))).toBe('9000');
          const apdu = Uint8Array.from([cla, ins, p1!, p2!, data.length, ...data, 0x00]);
          const r = await card.transmit(data.length > 0 && data.length < 256 ? apdu : apdu.subarray(0, 4));
          expect(r.length).toBeGreaterThanOrEqual(2);
        },
      ),
      { numRuns },
    );
  });
});
