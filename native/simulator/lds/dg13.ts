/**
 * DG13 as Vietnamese chips lay it out (see shared/domain/cccd-chip-and-qr.md §3):
 * `6D 82 LL LL`, a ~23-byte header, then records `30 LL 02 01 <fieldNo> <value>`.
 * Text is UTF8String (0C), digits/dates PrintableString (13); family fields 13/14 nest SEQUENCEs.
 * The header is undocumented on real cards; here it is a well-formed BER SEQUENCE a parser can skip.
 */
import type { CitizenProfile } from '../profile';
import { tlv } from '../tlv';

const utf8 = (s: string): Uint8Array => tlv(0x0c, new Uint8Array(Buffer.from(s, 'utf8')));
const printable = (s: string): Uint8Array => tlv(0x13, new Uint8Array(Buffer.from(s, 'ascii')));
const int = (n: number): Uint8Array => tlv(0x02, new Uint8Array([n]));

function record(fieldNo: number, ...values: Uint8Array[]): Uint8Array {
  return tlv(0x30, int(fieldNo), ...values);
}

const parent = (name: string | null): Uint8Array => (name ? tlv(0x30, utf8(name)) : tlv(0x30));

/** ISO `YYYY-MM-DD` (or partial) → `dd/mm/yyyy` (partial stays partial: `mm/yyyy`, `yyyy`). */
export function toCardDate(iso: string): string {
  return iso.split('-').reverse().join('/');
}

/** The 23-byte header: SEQUENCE { OID 2.23.136.1.1.13.1.0.1 (made up), PrintableString "VNM-DG13" }. */
export const DG13_HEADER = tlv(
  0x30,
  tlv(0x06, new Uint8Array([0x67, 0x81, 0x08, 0x01, 0x01, 0x0d, 0x01, 0x00, 0x01])),
  tlv(0x13, new Uint8Array(Buffer.from('VNM-DG13', 'ascii'))),
);

const sexText = (sex: CitizenProfile['sex']): string =>
  sex === 'male' ? 'Nam' : sex === 'female' ? 'Nữ' : '';

export function dg13Records(p: CitizenProfile): Uint8Array[] {
  const r: Uint8Array[] = [
    record(1, printable(p.idNumber)),
    record(2, utf8(p.fullName)),
    record(3, printable(toCardDate(p.dateOfBirth))),
    record(4, utf8(sexText(p.sex))),
    record(5, utf8(p.nationality ?? '')),
    record(6, utf8(p.ethnicity ?? '')),
    record(7, utf8(p.religion ?? '')),
    record(8, utf8(p.placeOfOrigin ?? '')),
    record(9, utf8(p.placeOfResidence ?? '')),
    record(10, utf8(p.identifyingMarks ?? '')),
    record(11, printable(p.issueDate ? toCardDate(p.issueDate) : '')),
    record(12, utf8(p.expiryDate ? toCardDate(p.expiryDate) : 'Không thời hạn')),
    // One SEQUENCE per parent, father first; an unknown parent is an EMPTY SEQUENCE (30 00), keeping its place.
    record(13, parent(p.fatherName), parent(p.motherName)),
    p.spouseName ? record(14, tlv(0x30, utf8(p.spouseName))) : record(14),
    // 2024 cards carry the old ID in 16 (per two public sources); 2021 cards in 15.
    record(15, printable(p.cardType === 'can-cuoc-2024' ? '' : (p.oldIdNumber ?? ''))),
  ];
  const extra = Object.entries(p.dg13Extra)
    .map(([k, v]) => [Number(k), v] as const)
    .sort((a, b) => a[0] - b[0]);
  for (const [n, v] of extra) r.push(record(n, /^[0-9/ +-]*$/.test(v) ? printable(v) : utf8(v)));
  return r;
}

/** Always uses the 82 long form for the outer length, as the cards do. */
export function buildDg13(p: CitizenProfile): Uint8Array {
  const body = Buffer.concat([DG13_HEADER, ...dg13Records(p)]);
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x6d, 0x82, body.length >> 8, body.length & 0xff]), body]),
  );
}
