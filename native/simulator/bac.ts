/** Card side of BAC MUTUAL AUTHENTICATE (ICAO 9303-11 §9.7.2, §9.7.4). */
import { concat, equalBytes } from './bytes';
import { deriveKey, retailMac, tdesDecrypt, tdesEncrypt, type BacKeys } from './crypto';
import type { SessionKeys } from './secure-messaging';

export type MutualAuthResult = { ok: true; response: Uint8Array; session: SessionKeys } | { ok: false };

/**
 * `commandData` = E.IFD (32) ‖ M.IFD (8). Returns E.IC ‖ M.IC and the session keys, or `{ok:false}`
 * when the MAC, the length or RND.IC does not match (the card answers 6300).
 */
export function answerMutualAuthenticate(
  keys: BacKeys,
  rndIc: Uint8Array,
  kIc: Uint8Array,
  commandData: Uint8Array,
): MutualAuthResult {
  if (commandData.length !== 40) return { ok: false };
  const eIfd = commandData.subarray(0, 32);
  const mIfd = commandData.subarray(32, 40);
  if (!equalBytes(retailMac(keys.kMac, eIfd), mIfd)) return { ok: false };
  const s = tdesDecrypt(keys.kEnc, eIfd);
  const rndIfd = s.subarray(0, 8);
  if (!equalBytes(s.subarray(8, 16), rndIc)) return { ok: false };
  const kIfd = s.subarray(16, 32);
  const r = concat(rndIc, rndIfd, kIc);
  const eIc = tdesEncrypt(keys.kEnc, r);
  const mIc = retailMac(keys.kMac, eIc);
  const seed = new Uint8Array(16);
  for (let i = 0; i < 16; i++) seed[i] = (kIfd[i] ?? 0) ^ (kIc[i] ?? 0);
  return {
    ok: true,
    response: concat(eIc, mIc),
    session: {
      ksEnc: deriveKey(seed, 1),
      ksMac: deriveKey(seed, 2),
      ssc: concat(rndIc.subarray(4, 8), rndIfd.subarray(4, 8)),
    },
  };
}
