/** ICAO 9303-11 Appendix D worked example, reproduced byte for byte. */
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from './bytes';
import { bacSessionFromResponse, mutualAuthenticateData, performBac } from './bac';
import { deriveKey, keySeed, mrzInformation } from './keys';
import { SecureMessaging } from './sm';
import { retailMac } from './crypto/des';
import type { CardTransport } from '../pcsc/card-transport';

const KEY = { documentNumber: 'L898902C', dateOfBirth: '690806', dateOfExpiry: '940623' };
const RND_IC = fromHex('4608F91988702212');
const RND_IFD = fromHex('781723860C06C226');
const K_IFD = fromHex('0B795240CB7049B01C19B33E32804F0B');
const KENC = fromHex('AB94FDECF2674FDFB9B391F85D7F76F2');
const KMAC = fromHex('7962D9ECE03D1ACD4C76089DCE131543');
const RESP = fromHex('46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449');
const KSENC = fromHex('979EC13B1CBFE9DCD01AB0FED307EAE5');
const KSMAC = fromHex('F1CB1F1FB5ADF208806B89DC579DC1F8');
const SSC = fromHex('887022120C06C226');

describe('Appendix D: key derivation', () => {
  it('MRZ information, K.seed, K.enc, K.mac', () => {
    const info = mrzInformation(KEY);
    expect(info).toBe('L898902C<369080619406236');
    const seed = keySeed(info);
    expect(hex(seed)).toBe('239AB9CB282DAF66231DC5A4DF6BFBAE');
    expect(hex(deriveKey(seed, 1))).toBe(hex(KENC));
    expect(hex(deriveKey(seed, 2))).toBe(hex(KMAC));
  });
});

describe('Appendix D: BAC', () => {
  it('E.IFD and M.IFD', () => {
    const m = mutualAuthenticateData(KENC, KMAC, RND_IC, RND_IFD, K_IFD);
    expect(hex(m.eIfd)).toBe('72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2');
    expect(hex(m.mIfd)).toBe('5F1448EEA8AD90A7');
    expect(hex(m.command)).toBe(`0082000028${hex(m.eIfd)}${hex(m.mIfd)}28`);
  });
  it('K.IC, session keys and SSC', () => {
    const s = bacSessionFromResponse(KENC, KMAC, RESP, RND_IC, RND_IFD, K_IFD);
    expect(hex(s.kIc)).toBe('0B4F80323EB3191CB04970CB4052790B');
    expect(hex(s.ksEnc)).toBe(hex(KSENC));
    expect(hex(s.ksMac)).toBe(hex(KSMAC));
    expect(hex(s.ssc)).toBe(hex(SSC));
  });
  it('a tampered chip answer is refused', () => {
    const bad = Uint8Array.from(RESP);
    bad[39] = bad[39]! ^ 1;
    expect(() => bacSessionFromResponse(KENC, KMAC, bad, RND_IC, RND_IFD, K_IFD)).toThrow(
      expect.objectContaining({ code: 'chip-bac-failed' }),
    );
  });
  it('performBac over a transport sends the Appendix D commands', async () => {
    const sent: string[] = [];
    const transport: CardTransport = {
      readerName: 'vectors',
      extendedLength: false,
      async transmit(apdu) {
        sent.push(hex(apdu));
        if (sent.length === 1) return fromHex(hex(RND_IC) + '9000');
        return fromHex(hex(RESP) + '9000');
      },
    };
    const sm = await performBac(transport, KEY, { rndIfd: RND_IFD, kIfd: K_IFD });
    expect(sent[0]).toBe('0084000008');
    expect(sent[1]).toBe(
      '008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728',
    );
    expect(hex(sm.sendSequenceCounter)).toBe(hex(SSC));
  });
});

describe('Appendix D: secure messaging', () => {
  it('SELECT EF.COM, READ 4, READ 18 @4 and their responses', () => {
    const sm = new SecureMessaging(KSENC, KSMAC, SSC);
    expect(hex(sm.wrap({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('011E') }))).toBe(
      '0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800',
    );
    expect(hex(sm.sendSequenceCounter)).toBe('887022120C06C227');
    const r1 = sm.unwrap(fromHex('990290008E08FA855A5D4C50A8ED9000'));
    expect(r1).toEqual({ data: new Uint8Array(0), sw: 0x9000, plain: false });
    expect(hex(sm.sendSequenceCounter)).toBe('887022120C06C228');

    expect(hex(sm.wrap({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 4 }))).toBe(
      '0CB000000D9701048E08ED6705417E96BA5500',
    );
    const r2 = sm.unwrap(fromHex('8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000'));
    expect(hex(r2.data)).toBe('60145F01');
    expect(r2.sw).toBe(0x9000);

    expect(hex(sm.wrap({ cla: 0, ins: 0xb0, p1: 0, p2: 4, le: 18 }))).toBe(
      '0CB000040D9701128E082EA28A70F3C7B53500',
    );
    const r3 = sm.unwrap(
      fromHex('871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000'),
    );
    expect(hex(r3.data)).toBe('04303130365F36063034303030305C026175');
    expect(hex(sm.sendSequenceCounter)).toBe('887022120C06C22C');
  });
  it('a response with a wrong MAC is refused', () => {
    const sm = new SecureMessaging(KSENC, KSMAC, SSC);
    sm.wrap({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('011E') });
    expect(() => sm.unwrap(fromHex('990290008E08FA855A5D4C50A8EE9000'))).toThrow(
      expect.objectContaining({ code: 'chip-sm-mac-invalid' }),
    );
  });
  it('a plain error status ends the session without a MAC', () => {
    const sm = new SecureMessaging(KSENC, KSMAC, SSC);
    sm.wrap({ cla: 0, ins: 0xb0, p1: 0x83, p2: 0, le: 4 });
    expect(sm.unwrap(fromHex('6982'))).toEqual({ data: new Uint8Array(0), sw: 0x6982, plain: true });
  });
  it('retail MAC of one block equals 3DES of that block', () => {
    expect(hex(retailMac(KSMAC, new Uint8Array(0)))).toHaveLength(16);
  });
});
