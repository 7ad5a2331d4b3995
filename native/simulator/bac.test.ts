import { describe, expect, it } from 'vitest';
import { fromHex, hex } from './bytes';
import { bacKeysFromMrzInformation, kseedFromMrzInformation } from './crypto';
import { answerMutualAuthenticate } from './bac';
import { CardSecureMessaging } from './secure-messaging';
import { parseCommandApdu } from './apdu';
import { mrzInformation } from './mrz';

// ICAO 9303-11 Appendix D worked example, from the card's point of view.
const V = {
  mrz: 'L898902C<369080619406236',
  kseed: '239AB9CB282DAF66231DC5A4DF6BFBAE',
  kenc: 'AB94FDECF2674FDFB9B391F85D7F76F2',
  kmac: '7962D9ECE03D1ACD4C76089DCE131543',
  rndIc: '4608F91988702212',
  eIfd: '72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2',
  mIfd: '5F1448EEA8AD90A7',
  resp: '46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449',
  kIc: '0B4F80323EB3191CB04970CB4052790B',
  ksEnc: '979EC13B1CBFE9DCD01AB0FED307EAE5',
  ksMac: 'F1CB1F1FB5ADF208806B89DC579DC1F8',
  ssc: '887022120C06C226',
};
const EF_COM = fromHex('60145F0104303130365F36063034303030305C026175');

describe('BAC card side (ICAO 9303-11 Appendix D)', () => {
  it('derives Kseed, Kenc and Kmac from the MRZ information', () => {
    expect(
      mrzInformation({ documentNumber: 'L898902C<', dateOfBirth: '690806', dateOfExpiry: '940623' }),
    ).toBe(V.mrz);
    expect(hex(kseedFromMrzInformation(V.mrz))).toBe(V.kseed);
    const keys = bacKeysFromMrzInformation(V.mrz);
    expect(hex(keys.kEnc)).toBe(V.kenc);
    expect(hex(keys.kMac)).toBe(V.kmac);
  });

  it('answers MUTUAL AUTHENTICATE with exactly resp and derives the session keys and SSC', () => {
    const keys = bacKeysFromMrzInformation(V.mrz);
    const r = answerMutualAuthenticate(keys, fromHex(V.rndIc), fromHex(V.kIc), fromHex(V.eIfd + V.mIfd));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(hex(r.response)).toBe(V.resp);
    expect(hex(r.session.ksEnc)).toBe(V.ksEnc);
    expect(hex(r.session.ksMac)).toBe(V.ksMac);
    expect(hex(r.session.ssc)).toBe(V.ssc);
  });

  it('rejects a wrong MAC or a wrong RND.IC', () => {
    const keys = bacKeysFromMrzInformation(V.mrz);
    const badMac = fromHex(V.eIfd + V.mIfd);
    badMac[39] = (badMac[39] ?? 0) ^ 1;
    expect(answerMutualAuthenticate(keys, fromHex(V.rndIc), fromHex(V.kIc), badMac).ok).toBe(false);
    expect(
      answerMutualAuthenticate(keys, fromHex('0000000000000000'), fromHex(V.kIc), fromHex(V.eIfd + V.mIfd))
        .ok,
    ).toBe(false);
  });

  it('unwraps the protected SELECT/READ commands and produces exactly the protected responses', () => {
    const sm = new CardSecureMessaging({
      ksEnc: fromHex(V.ksEnc),
      ksMac: fromHex(V.ksMac),
      ssc: fromHex(V.ssc),
    });

    const select = sm.unwrapCommand(
      parseCommandApdu(fromHex('0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800')),
    );
    expect(select.ok).toBe(true);
    if (!select.ok) return;
    expect(select.command).toMatchObject({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c });
    expect(hex(select.command.data)).toBe('011E');
    expect(hex(sm.wrapResponse(new Uint8Array(0), 0x9000, false))).toBe('990290008E08FA855A5D4C50A8ED9000');

    const read4 = sm.unwrapCommand(parseCommandApdu(fromHex('0CB000000D9701048E08ED6705417E96BA5500')));
    expect(read4.ok && read4.command.ne).toBe(4);
    expect(hex(sm.wrapResponse(EF_COM.subarray(0, 4), 0x9000, false))).toBe(
      '8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000',
    );

    const read18 = sm.unwrapCommand(parseCommandApdu(fromHex('0CB000040D9701128E082EA28A70F3C7B53500')));
    expect(read18.ok).toBe(true);
    if (!read18.ok) return;
    expect(read18.command).toMatchObject({ p1: 0, p2: 4, ne: 18 });
    expect(hex(sm.wrapResponse(EF_COM.subarray(4, 22), 0x9000, false))).toBe(
      '871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000',
    );
  });

  it('refuses a command whose MAC was tampered with', () => {
    const sm = new CardSecureMessaging({
      ksEnc: fromHex(V.ksEnc),
      ksMac: fromHex(V.ksMac),
      ssc: fromHex(V.ssc),
    });
    const r = sm.unwrapCommand(
      parseCommandApdu(fromHex('0CA4020C158709016375432908C044F68E08BF8B92D635FF24F900')),
    );
    expect(r.ok).toBe(false);
  });
});
