/**
 * How files are read (kept apart from how they are parsed): header first, then blocks; the block size is
 * negotiated (extended length when transport and chip allow, else 231 bytes under 3DES SM) and shrinks on
 * 6700/6Cxx/6282/6B00; short-file-ID reads skip the SELECT; SM failures re-run BAC and resume at the
 * last good offset. DG3 is not an LdsFileName, so it can never be requested.
 */
import { hex } from './bytes';
import type { CommandApdu } from './apdu';
import { ChipError, StatusWordError } from './errors';
import { PcscError } from '../pcsc/errors';
import { LDS_FILES, type LdsFileName } from './lds/files';
import { encodeTlv, readTlvHeader } from './tlv';
import type { ChipSession, Response } from './session';

/** Largest plaintext whose 3DES-SM response fits a short (256-byte) R-APDU. */
export const SHORT_BLOCK_3DES = 231;
/** Default block for extended-length reads (vpcd and most CCID readers pass 64 KiB frames). */
export const DEFAULT_EXTENDED_BLOCK = 8192;
const SHRINK_LADDER = [SHORT_BLOCK_3DES, 223, 160, 128, 64, 32];
const MAX_RETRIES_PER_BLOCK = 4;
/** Offsets above this need READ BINARY with odd INS (B1) and an offset DO'54. */
const MAX_B0_OFFSET = 0x7fff;

export interface ReadProgress {
  file: LdsFileName;
  bytes: number;
  total: number;
}

/** A file cut short by a dropped card, for resuming on the next session. */
export interface PartialFile {
  file: LdsFileName;
  bytes: Uint8Array;
  total: number;
}

export interface ReadStrategyOptions {
  /** Use extended length when the transport allows it (default true). */
  extendedLength?: boolean;
  maxExtendedBlock?: number;
  /** Use short-file-ID READ BINARY for the first block (default true). */
  shortFileIds?: boolean;
  onProgress?: (p: ReadProgress) => void;
}

const SM_RECOVERABLE = new Set(['chip-sm-mac-invalid', 'chip-sm-malformed', 'chip-sm-session-lost']);

export class FileReader {
  blockSize: number;
  extended: boolean;
  private readonly extendedBlock: number;
  private sfi: boolean;
  /** The file being read right now (its bytes so far), for resume after an interruption. */
  current: PartialFile | null = null;
  private selectedFile: LdsFileName | null = null;
  private selectedAtBac = -1;

  constructor(
    private readonly session: ChipSession,
    private readonly opts: ReadStrategyOptions = {},
  ) {
    this.extended = (opts.extendedLength ?? true) && session.transport.extendedLength;
    this.extendedBlock = Math.max(
      SHORT_BLOCK_3DES + 1,
      Math.min(opts.maxExtendedBlock ?? DEFAULT_EXTENDED_BLOCK, 0xff00),
    );
    this.blockSize = this.extended ? this.extendedBlock : SHORT_BLOCK_3DES;
    this.sfi = opts.shortFileIds ?? true;
  }

  private isSelected(name: LdsFileName): boolean {
    return (
      this.selectedFile === name && this.selectedAtBac === this.session.bacRuns && this.session.authenticated
    );
  }

  private markSelected(name: LdsFileName | null): void {
    this.selectedFile = name;
    this.selectedAtBac = this.session.bacRuns;
  }

  /** SELECT EF by file ID; false when the file does not exist. */
  private async select(name: LdsFileName): Promise<boolean> {
    const fid = LDS_FILES[name].fid;
    const r = await this.session.send({
      cla: 0,
      ins: 0xa4,
      p1: 0x02,
      p2: 0x0c,
      data: Uint8Array.of(fid >> 8, fid & 0xff),
    });
    if (r.sw === 0x6a82) return false;
    // 6987/6988 in plain: the chip dropped secure messaging; the caller re-authenticates and retries.
    if (r.sw === 0x6987 || r.sw === 0x6988)
      throw new ChipError('chip-sm-session-lost', `SELECT ${name}: SM session lost`, { sw: r.sw });
    if (r.sw !== 0x9000) throw new StatusWordError(r.sw, `SELECT ${name}`);
    this.markSelected(name);
    return true;
  }

  /** One READ BINARY at `offset`; selects (by SFI or SELECT) when needed. null = file absent. */
  private async readBinary(name: LdsFileName, offset: number, le: number): Promise<Response | null> {
    const ext = le > SHORT_BLOCK_3DES;
    let cmd: CommandApdu;
    if (!this.isSelected(name) && this.sfi && offset < 256) {
      cmd = { cla: 0, ins: 0xb0, p1: 0x80 | LDS_FILES[name].sfi, p2: offset, le, extended: ext };
      const r = await this.session.send(cmd);
      if (r.sw === 0x9000 || r.sw === 0x6282) {
        this.markSelected(name);
        return r;
      }
      if ([0x6a86, 0x6a81, 0x6a82, 0x6d00, 0x6e00, 0x6981, 0x6b00, 0x6a00].includes(r.sw)) {
        // The chip does not take SFI reads (or not for this file): select by file ID from now on.
        if (r.sw !== 0x6a82) this.sfi = false;
        this.markSelected(null);
        if (!(await this.select(name))) return null;
      } else return r;
    } else if (!this.isSelected(name)) {
      if (!(await this.select(name))) return null;
    }
    if (offset <= MAX_B0_OFFSET) {
      cmd = { cla: 0, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, le, extended: ext };
      return this.session.send(cmd);
    }
    const off = Uint8Array.of((offset >> 16) & 0xff, (offset >> 8) & 0xff, offset & 0xff);
    // DO'53 wraps the data: ask for up to 4 header bytes more, within what one response can carry.
    const total = ext ? Math.min(le + 4, 65536) : Math.min(le + 4, this.session.maxShortBlock);
    const r = await this.session.send({
      cla: 0,
      ins: 0xb1,
      p1: 0,
      p2: 0,
      data: encodeTlv(0x54, off),
      le: total,
      extended: total > SHORT_BLOCK_3DES,
    });
    if ((r.sw === 0x9000 || r.sw === 0x6282) && r.data.length > 0) {
      let h;
      try {
        h = readTlvHeader(r.data, 0);
      } catch {
        throw new ChipError('chip-read-failed', 'READ BINARY B1 answer is not BER-TLV');
      }
      if (h.tag !== 0x53) throw new ChipError('chip-read-failed', 'READ BINARY B1 answer has no DO53');
      // Some chips count Le as content bytes and cut the DO: take what is there.
      return {
        data: r.data.subarray(h.headerLength, Math.min(r.data.length, h.headerLength + h.length)),
        sw: r.sw,
      };
    }
    return r;
  }

  private shrink(sw: number): void {
    if (this.extended) {
      this.extended = false;
      this.blockSize = SHORT_BLOCK_3DES;
      return;
    }
    if ((sw & 0xff00) === 0x6c00 && (sw & 0xff) > 0 && (sw & 0xff) < this.blockSize) {
      this.blockSize = sw & 0xff;
      return;
    }
    const next = SHRINK_LADDER.find((s) => s < this.blockSize);
    if (next === undefined) throw new StatusWordError(sw, 'READ BINARY (smallest block)');
    this.blockSize = next;
  }

  /** Reads one block with fallbacks; returns at least one byte, or null when the file is absent. */
  private async readBlock(name: LdsFileName, offset: number, want: number): Promise<Uint8Array | null> {
    let failures = 0;
    for (;;) {
      // Short protected answers carry at most 231 bytes under 3DES, 223 under AES (PACE/CA keys).
      const le = Math.min(
        want,
        this.extended ? this.blockSize : Math.min(this.blockSize, this.session.maxShortBlock),
      );
      let r: Response | null;
      try {
        r = await this.readBinary(name, offset, le);
      } catch (e) {
        if (e instanceof ChipError && SM_RECOVERABLE.has(e.code) && ++failures <= MAX_RETRIES_PER_BLOCK) {
          this.markSelected(null);
          continue; // the session re-runs BAC on the next send; resume at the same offset
        }
        // A SELECT refused with an SM error (6987/6988, e.g. vicc's occasional SSC slip): re-BAC and retry.
        if (
          e instanceof StatusWordError &&
          (e.sw === 0x6987 || e.sw === 0x6988) &&
          ++failures <= MAX_RETRIES_PER_BLOCK
        ) {
          this.session.invalidate();
          this.markSelected(null);
          continue;
        }
        if (e instanceof PcscError && e.code === 'pcsc-failed' && this.extended && le > SHORT_BLOCK_3DES) {
          // The reader or driver cannot carry extended APDUs after all: short blocks from now on.
          this.extended = false;
          this.blockSize = SHORT_BLOCK_3DES;
          this.session.invalidate();
          this.markSelected(null);
          continue;
        }
        throw e;
      }
      if (r === null) return null;
      const sw = r.sw;
      if ((sw === 0x9000 || sw === 0x6282) && r.data.length > 0)
        return r.data.subarray(0, Math.min(r.data.length, want));
      if (
        sw === 0x6700 ||
        sw === 0x6b00 ||
        sw === 0x6282 ||
        (sw & 0xff00) === 0x6c00 ||
        (sw === 0x9000 && r.data.length === 0)
      ) {
        if (++failures > SHRINK_LADDER.length + 2) throw new StatusWordError(sw, `READ BINARY ${name}`);
        this.shrink(sw);
        this.markSelected(null);
        continue;
      }
      if ((sw === 0x6987 || sw === 0x6988) && ++failures <= MAX_RETRIES_PER_BLOCK) {
        this.markSelected(null);
        continue;
      }
      if (sw === 0x6a82) return null;
      if (sw === 0x6982) throw new ChipError('chip-read-failed', `${name}: access denied (SW 6982)`, { sw });
      throw new StatusWordError(sw, `READ BINARY ${name} @${offset}`);
    }
  }

  /**
   * Reads a whole file: 4-byte header first (tag + length), then blocks. `resume` continues a PartialFile.
   * Returns null when the chip does not have the file.
   */
  async readFile(name: LdsFileName, resume?: PartialFile | null): Promise<Uint8Array | null> {
    let buf: Uint8Array;
    let got: number;
    if (resume && resume.file === name && resume.total > 0) {
      buf = new Uint8Array(resume.total);
      buf.set(resume.bytes.subarray(0, resume.total));
      got = Math.min(resume.bytes.length, resume.total);
    } else {
      const head = await this.readBlock(name, 0, 4);
      if (head === null) return null;
      let h;
      try {
        h = readTlvHeader(head, 0);
      } catch {
        throw new ChipError('chip-lds-malformed', `${name}: header ${hex(head)} is not BER-TLV`);
      }
      const total = h.headerLength + h.length;
      if (total > 0xffffff) throw new ChipError('chip-file-too-large', `${name}: ${total} bytes`);
      buf = new Uint8Array(total);
      got = Math.min(head.length, total);
      buf.set(head.subarray(0, got));
    }
    const total = buf.length;
    this.current = { file: name, bytes: buf.subarray(0, got), total };
    this.opts.onProgress?.({ file: name, bytes: got, total });
    while (got < total) {
      const block = await this.readBlock(name, got, total - got);
      if (block === null) throw new ChipError('chip-read-failed', `${name} disappeared while reading`);
      buf.set(block, got);
      got += block.length;
      this.current = { file: name, bytes: buf.subarray(0, got), total };
      this.opts.onProgress?.({ file: name, bytes: got, total });
    }
    this.current = null;
    return buf;
  }
}
