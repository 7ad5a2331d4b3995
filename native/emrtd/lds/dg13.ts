/**
 * DG13, the Vietnamese personal-data group: a real BER walk, keyed by field number.
 * Records are `30 LL { 02 01 <fieldNo>, <value…> }`; values are UTF8String / PrintableString or nested
 * SEQUENCEs (parents, spouse). Unknown fields are kept; long-form lengths and any header are handled.
 */
import { ChipError } from '../errors';
import { parseTlv, parseTlvList, type Tlv } from '../tlv';
import { decodeText } from './der';

export interface Dg13Field {
  number: number;
  /** Every text value in the record, in document order, nested SEQUENCEs flattened (empty ones leave no trace). */
  values: string[];
  /**
   * One entry per element after the field number, BY POSITION: a string's text, or the first non-empty text of a
   * nested SEQUENCE; null when that element is empty (`30 00`, an empty string). Field 13 is
   * [father, mother]: an empty father SEQUENCE keeps the mother in the second slot.
   */
  entries: (string | null)[];
  /** The whole record TLV. */
  raw: Uint8Array;
}

export interface Dg13 {
  /** Fields by number; the first record wins when a number repeats. */
  fields: Map<number, Dg13Field>;
  /** Bytes inside 6D that are not field records (the undocumented header). */
  header: Uint8Array;
}

const STRING_TAGS = new Set([0x0c, 0x13, 0x16, 0x14, 0x1e, 0x1a, 0x04]);

function fail(message: string): never {
  throw new ChipError('chip-dg13-malformed', message);
}

function collectTexts(tlv: Tlv, out: string[], depth: number): void {
  if (depth > 8) fail('DG13: nesting too deep');
  if (tlv.constructed) {
    for (const c of parseTlvList(tlv.value)) collectTexts(c, out, depth + 1);
  } else if (STRING_TAGS.has(tlv.tag)) {
    out.push(decodeText(tlv.tag, tlv.value));
  }
  // INTEGERs and other primitives inside a record (e.g. the nested field number) are not text values.
}

/** A record is a SEQUENCE whose first element is a one- or two-byte INTEGER field number. */
function asRecord(tlv: Tlv, raw: Uint8Array): Dg13Field | null {
  if (tlv.tag !== 0x30) return null;
  let children: Tlv[];
  try {
    children = parseTlvList(tlv.value);
  } catch {
    return null;
  }
  const first = children[0];
  if (!first || first.tag !== 0x02 || first.value.length < 1 || first.value.length > 2) return null;
  const number = first.value.length === 1 ? first.value[0]! : (first.value[0]! << 8) | first.value[1]!;
  const values: string[] = [];
  const entries: (string | null)[] = [];
  for (const c of children.slice(1)) {
    if (c.tag === 0x02) continue;
    const texts: string[] = [];
    collectTexts(c, texts, 0);
    values.push(...texts);
    if (c.constructed || STRING_TAGS.has(c.tag)) {
      const first = texts.map((t) => t.trim()).find(Boolean);
      entries.push(first ?? null);
    }
  }
  return { number, values, entries, raw };
}

/** Walks a TLV list; records are taken, other constructed objects are searched one level deeper for records. */
function walk(bytes: Uint8Array, fields: Map<number, Dg13Field>, header: Uint8Array[], depth: number): void {
  let at = 0;
  while (at < bytes.length) {
    const t = parseTlv(bytes, at);
    const raw = bytes.subarray(at, at + t.totalLength);
    at += t.totalLength;
    const rec = asRecord(t, raw);
    if (rec) {
      if (!fields.has(rec.number)) fields.set(rec.number, rec);
    } else if (t.constructed && depth < 3) {
      walk(t.value, fields, header, depth + 1);
    } else header.push(raw);
  }
}

export function parseDg13(bytes: Uint8Array): Dg13 {
  const outer = parseTlv(bytes, 0);
  if (outer.tag !== 0x6d) fail(`DG13: expected tag 6D, found ${outer.tag.toString(16)}`);
  const body = outer.value;
  const fields = new Map<number, Dg13Field>();
  const header: Uint8Array[] = [];
  try {
    walk(body, fields, header, 0);
  } catch (e) {
    if (!(e instanceof ChipError)) throw e;
    // The header is undocumented; if it is not BER, start at the first offset from which the rest is records.
    fields.clear();
    header.length = 0;
    let found = false;
    for (let k = 1; k < Math.min(body.length, 64) && !found; k++) {
      if (body[k] !== 0x30) continue;
      const f = new Map<number, Dg13Field>();
      const h: Uint8Array[] = [];
      try {
        walk(body.subarray(k), f, h, 0);
      } catch {
        continue;
      }
      if (f.size === 0) continue;
      for (const [n, v] of f) fields.set(n, v);
      header.push(body.subarray(0, k), ...h);
      found = true;
    }
    if (!found) fail('DG13: no field records found');
  }
  let headerLength = 0;
  for (const h of header) headerLength += h.length;
  const headerBytes = new Uint8Array(headerLength);
  let o = 0;
  for (const h of header) {
    headerBytes.set(h, o);
    o += h.length;
  }
  return { fields, header: headerBytes };
}

/** The entry at `position` of field `n` (see `Dg13Field.entries`), or null when absent or empty. */
export function dg13Entry(dg13: Dg13, n: number, position: number): string | null {
  return dg13.fields.get(n)?.entries[position] ?? null;
}

/** First text of field `n`, or null when absent or empty. */
export function dg13Text(dg13: Dg13, n: number): string | null {
  const v = dg13.fields.get(n)?.values[0]?.trim();
  return v ? v : null;
}
