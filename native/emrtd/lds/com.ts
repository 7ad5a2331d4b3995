/** EF.COM: LDS version, Unicode version and the list of data groups present. */
import { ChipError } from '../errors';
import { expectTlv, findChild, parseTlvList } from '../tlv';
import { fileNameForTag, type LdsFileName } from './files';

export interface EfCom {
  ldsVersion: string | null;
  unicodeVersion: string | null;
  /** Raw tags from the 5C list (may include tags this reader never reads, such as DG3 0x63). */
  tags: number[];
  /** Files listed that this reader can read. */
  files: LdsFileName[];
}

export function parseCom(bytes: Uint8Array): EfCom {
  const outer = expectTlv(bytes, 0x60, 'EF.COM', true);
  const children = parseTlvList(outer.value);
  const latin = (v: Uint8Array | undefined) => (v ? Buffer.from(v).toString('latin1') : null);
  const list = findChild(children, 0x5c);
  if (!list) throw new ChipError('chip-lds-malformed', 'EF.COM has no tag list');
  const tags = Array.from(list.value);
  const files = tags.map(fileNameForTag).filter((n): n is LdsFileName => n !== null);
  return {
    ldsVersion: latin(findChild(children, 0x5f01)?.value),
    unicodeVersion: latin(findChild(children, 0x5f36)?.value),
    tags,
    files,
  };
}
