/** DG13 (+ DG1 fallback) → the shared `Identity` model (source 'chip'). */
import { Identity, type CardType, type Sex } from '../../common/identity';
import { foldForSearch, nfc } from '../../common/text/vietnamese';
import { dg13Entry, dg13Text, type Dg13 } from './lds/dg13';
import type { Mrz } from './lds/dg1';

/** `dd/mm/yyyy`, `mm/yyyy`, `yyyy`, `ddmmyyyy` (00 = unknown part) → partial ISO date, or null. */
export function parseVnDate(text: string | null): string | null {
  if (!text) return null;
  const t = text.trim();
  let d = '00';
  let m = '00';
  let y: string;
  let match;
  if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t)))
    [, d, m, y] = match as unknown as [string, string, string, string];
  else if ((match = /^(\d{2})(\d{2})(\d{4})$/.exec(t)))
    [, d, m, y] = match as unknown as [string, string, string, string];
  else if ((match = /^(\d{1,2})[/.-](\d{4})$/.exec(t)))
    [, m, y] = match as unknown as [string, string, string];
  else if ((match = /^(\d{4})$/.exec(t))) y = match[1]!;
  else return null;
  const dn = Number(d);
  const mn = Number(m);
  if (y === '0000') return null;
  if (mn === 0 || mn > 12) return y;
  const mm = String(mn).padStart(2, '0');
  if (dn === 0) return `${y}-${mm}`;
  const last = new Date(Date.UTC(Number(y), mn, 0)).getUTCDate();
  if (dn > last) return `${y}-${mm}`;
  return `${y}-${mm}-${String(dn).padStart(2, '0')}`;
}

/** MRZ YYMMDD → ISO; birth dates pick the century that is not in the future; `<<` parts make it partial. */
export function mrzDateToIso(yymmdd: string, kind: 'birth' | 'expiry', today = new Date()): string | null {
  if (!/^\d{2}[0-9<]{4}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  let year: number;
  if (kind === 'birth') year = yy > today.getUTCFullYear() % 100 ? 1900 + yy : 2000 + yy;
  else year = 2000 + yy;
  const mm = yymmdd.slice(2, 4);
  const dd = yymmdd.slice(4, 6);
  if (!/^\d\d$/.test(mm) || mm === '00') return String(year);
  if (!/^\d\d$/.test(dd) || dd === '00') return `${year}-${mm}`;
  return parseVnDate(`${dd}/${mm}/${year}`);
}

function sexOf(text: string | null): Sex | null {
  if (!text) return null;
  const f = foldForSearch(text);
  if (f === 'nam' || f === 'male' || f === 'm') return 'male';
  if (f === 'nu' || f === 'female' || f === 'f') return 'female';
  return null;
}

const OLD_ID = /^(\d{9}|\d{12})$/;

export function identityFromDg13(dg13: Dg13, mrz: Mrz | null): Identity | null {
  const idNumber = dg13Text(dg13, 1) ?? mrz?.personalIdNumber ?? null;
  const fullName = dg13Text(dg13, 2) ?? (mrz ? mrzName(mrz) : null);
  const dateOfBirth = parseVnDate(dg13Text(dg13, 3)) ?? (mrz ? mrzDateToIso(mrz.dateOfBirth, 'birth') : null);
  if (!idNumber || !/^\d{12}$/.test(idNumber) || !fullName || !dateOfBirth) return null;
  const f15 = dg13Text(dg13, 15);
  const f16 = dg13Text(dg13, 16);
  const oldIdNumber = f15 && OLD_ID.test(f15) ? f15 : f16 && OLD_ID.test(f16) ? f16 : null;
  const expiryText = dg13Text(dg13, 12);
  let expiryDate = parseVnDate(expiryText);
  if (!expiryText && mrz)
    expiryDate = mrz.dateOfExpiry === '991231' ? null : mrzDateToIso(mrz.dateOfExpiry, 'expiry');
  if (expiryDate === '2099-12-31') expiryDate = null;
  const extraFields: Record<string, string> = {};
  let newer = false;
  for (const [n, field] of dg13.fields) {
    if (n > 15) newer = true;
    if (n >= 1 && n <= 15) continue;
    if (n === 16 && oldIdNumber !== null && oldIdNumber === f16 && !(f15 && OLD_ID.test(f15))) continue;
    const text = field.values.join(' | ').trim();
    if (text) extraFields[`dg13.${n}`] = nfc(text);
  }
  const cardType: CardType = mrz?.format === 'TD3' ? 'passport' : newer ? 'can-cuoc-2024' : 'cccd-2021';
  const nn = (s: string | null | undefined) => (s && s.trim() ? nfc(s.trim()) : null);
  return checked({
    idNumber,
    oldIdNumber,
    fullName: nfc(fullName),
    dateOfBirth,
    sex: sexOf(dg13Text(dg13, 4)) ?? (mrz && mrz.sex !== '<' ? (mrz.sex === 'M' ? 'male' : 'female') : null),
    nationality: nn(dg13Text(dg13, 5)),
    ethnicity: nn(dg13Text(dg13, 6)),
    religion: nn(dg13Text(dg13, 7)),
    placeOfOrigin: nn(dg13Text(dg13, 8)),
    placeOfResidence: nn(dg13Text(dg13, 9)),
    identifyingMarks: nn(dg13Text(dg13, 10)),
    issueDate: parseVnDate(dg13Text(dg13, 11)),
    expiryDate,
    // Field 13 = SEQ{father}, SEQ{mother}: by position, so an empty father never shifts the mother.
    fatherName: nn(dg13Entry(dg13, 13, 0)),
    motherName: nn(dg13Entry(dg13, 13, 1)),
    spouseName: nn(dg13Entry(dg13, 14, 0)),
    source: 'chip',
    cardType,
    extraFields,
  });
}

function mrzName(mrz: Mrz): string {
  return [mrz.primaryIdentifier, mrz.secondaryIdentifier].filter(Boolean).join(' ');
}

/** Identity from DG1 alone (no DG13): needs a 12-digit personal ID in the MRZ. */
export function identityFromMrz(mrz: Mrz): Identity | null {
  const idNumber = mrz.personalIdNumber;
  const dateOfBirth = mrzDateToIso(mrz.dateOfBirth, 'birth');
  const fullName = mrzName(mrz);
  if (!idNumber || !dateOfBirth || !fullName) return null;
  return checked({
    idNumber,
    oldIdNumber: null,
    fullName,
    dateOfBirth,
    sex: mrz.sex === 'M' ? 'male' : mrz.sex === 'F' ? 'female' : null,
    nationality: mrz.nationality === 'VNM' ? 'Việt Nam' : mrz.nationality || null,
    ethnicity: null,
    religion: null,
    placeOfOrigin: null,
    placeOfResidence: null,
    identifyingMarks: null,
    issueDate: null,
    expiryDate: mrz.dateOfExpiry === '991231' ? null : mrzDateToIso(mrz.dateOfExpiry, 'expiry'),
    fatherName: null,
    motherName: null,
    spouseName: null,
    source: 'chip',
    cardType: mrz.format === 'TD3' ? 'passport' : mrz.issuingState === 'VNM' ? 'cccd-2021' : 'unknown',
    extraFields: {},
  });
}

/** The identity through the model's own schema (`Identity.parse`), or null when the card's data breaks it. */
function checked(candidate: Identity): Identity | null {
  const r = Identity.safeParse(candidate);
  return r.success ? r.data : null;
}
