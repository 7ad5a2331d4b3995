/** fast-check fuzzing of EF.CardAccess and DG14 (SecurityInfos): a result or a typed ChipError, never a crash. */
import { describe, expect, it } from 'vitest';
import { fromHex } from '../bytes';
import { buildCardFiles } from '../../simulator/card-files';
import { parseFaults } from '../../simulator/faults';
import { loadProfile } from '../../simulator/profile';
import { parseCardAccess } from './card-access';
import { parseDg14 } from './dg14';
import { fuzzParser } from '../testing/fuzz';

const files = buildCardFiles(loadProfile('chip-auth'), parseFaults([])).files;
// ICAO 9303-11 App. G.1 EF.CardAccess, and one with PACE GM + IM + CAM, CA info and TA info.
const g1 = fromHex('31143012060A04007F0007020204020202010202010D');
const rich = fromHex(
  '3150' +
    '3012060A04007F0007020204020202010202010D' +
    '3012060A04007F0007020204040302010202010C' +
    '3012060A04007F0007020204060402010202011' +
    '0' +
    '3012060A04007F0007020203020202010102010' +
    '1',
);

describe('EF.CardAccess and DG14 parsers', () => {
  it('parse the valid bases', () => {
    expect(parseCardAccess(g1).pace).toHaveLength(1);
    expect(parseCardAccess(rich).pace.map((p) => [p.mapping, p.cipher, p.keyLength, p.parameterId])).toEqual([
      ['GM', 'aes', 16, 13],
      ['IM', 'aes', 24, 12],
      ['CAM', 'aes', 32, 16],
    ]);
    expect(parseCardAccess(rich).securityInfos.at(-1)).toMatchObject({ kind: 'ca', cipher: 'aes', keyId: 1 });
    const dg14 = parseDg14(files.get(0x010e)!);
    expect(dg14.chipAuthenticationInfos).toMatchObject([{ cipher: 'aes', keyLength: 32, keyId: 2 }]);
    expect(dg14.chipAuthenticationPublicKeys).toMatchObject([
      { keyId: 2, agreement: 'ECDH', publicKey: { kind: 'ec', curveOid: '1.3.132.0.34' } },
    ]);
    expect(dg14.activeAuthenticationSignatureOid).toBe('0.4.0.127.0.7.1.1.4.1.3');
  });

  fuzzParser('EF.CardAccess', rich, parseCardAccess, 400);
  fuzzParser('DG14', files.get(0x010e)!, parseDg14, 400);
});
