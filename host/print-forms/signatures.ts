/**
 * The signature blocks a printed form needs (forms.md: CT01 "Ý kiến của chủ hộ", "Ý kiến của chủ sở hữu hoặc
 * người đại diện chỗ ở hợp pháp", "Ý kiến của cha, mẹ hoặc người giám hộ", "Người kê khai"; the hộ tịch
 * declarations' "Người yêu cầu"; the marriage declaration signed by both parties; TK01a by the legal
 * representative). One table per form id; a form not listed gets the "Người kê khai" block.
 */
type A = Record<string, unknown>;

export interface SignatureBlock {
  /** Upper-case heading as printed ("Ý KIẾN CỦA CHỦ HỘ"). */
  title: string;
  /** The line under the heading: what the signature means. */
  note: string;
  /** Who signs, when the answers name them. */
  name: string | null;
  /** Their personal ID number, when the answers give it. */
  idNumber: string | null;
  /** `consent`: another person agrees (household head, owner, guardian); `declarant`: the one who declares. */
  kind: 'consent' | 'declarant';
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const SIGN = '(Ký, ghi rõ họ tên)';

interface Spec {
  declarant: { title: string | ((a: A) => string); name: string[] };
  /** The marriage declaration: a second party signs as well. */
  second?: (a: A) => SignatureBlock | null;
  consents?: (a: A) => SignatureBlock[];
}

function consent(title: string, note: string, name: unknown, id: unknown): SignatureBlock {
  return { title, note, name: text(name), idNumber: text(id), kind: 'consent' };
}

/** CT01 request kinds that register someone at an address (thường trú, tạm trú and its extension). */
const REGISTRATIONS = new Set(['thuong-tru', 'tam-tru', 'gia-han-tam-tru']);

function registrationConsents(a: A): SignatureBlock[] {
  return [
    // "required when registering into someone else's household" (forms.md, CT01)
    ...(a['isHead'] === false
      ? [consent('Ý KIẾN CỦA CHỦ HỘ', `Đồng ý. ${SIGN}`, a['headName'], a['headIdNumber'])]
      : []),
    ...(a['ownerIsSelf'] === false
      ? [
          consent(
            'Ý KIẾN CỦA CHỦ SỞ HỮU HOẶC NGƯỜI ĐẠI DIỆN CHỖ Ở HỢP PHÁP',
            `Đồng ý. ${SIGN}`,
            a['ownerName'],
            a['ownerIdNumber'],
          ),
        ]
      : []),
  ];
}

const SPECS: Record<string, Spec> = {
  ct01: {
    declarant: { title: 'NGƯỜI KÊ KHAI', name: ['fullName'] },
    consents: (a) => [
      // household head and owner agree to a registration at their home, not to a confirmation or removal
      ...(REGISTRATIONS.has(String(a['requestKind'])) ? registrationConsents(a) : []),
      ...(text(a['guardianName'])
        ? [
            consent(
              'Ý KIẾN CỦA CHA, MẸ HOẶC NGƯỜI GIÁM HỘ',
              `Đồng ý. ${SIGN}`,
              a['guardianName'],
              a['guardianIdNumber'],
            ),
          ]
        : []),
    ],
  },
  dc02: {
    // a child's first card (1.014062): the legal representative requests and signs
    declarant: {
      title: (a) => (text(a['repName']) ? 'NGƯỜI ĐẠI DIỆN HỢP PHÁP' : 'NGƯỜI ĐỀ NGHỊ'),
      name: ['repName', 'fullName'],
    },
  },
  'birth-declaration': { declarant: { title: 'NGƯỜI YÊU CẦU', name: ['requesterName'] } },
  'death-declaration': { declarant: { title: 'NGƯỜI YÊU CẦU', name: ['requesterName'] } },
  'joint-birth-01': { declarant: { title: 'NGƯỜI YÊU CẦU', name: ['requesterName'] } },
  'marriage-declaration': {
    declarant: { title: 'NGƯỜI YÊU CẦU', name: ['applicantName'] },
    second: (a) => ({
      title: 'NGƯỜI YÊU CẦU',
      note: SIGN,
      name: text(a['partnerName']),
      idNumber: text(a['partnerIdNumber']),
      kind: 'declarant',
    }),
  },
  tk01a: {
    declarant: { title: 'NGƯỜI ĐẠI DIỆN HỢP PHÁP', name: ['repName'] },
  },
  'stay-notice': { declarant: { title: 'NGƯỜI THÔNG BÁO', name: ['fullName'] } },
};

const DEFAULT: Spec = {
  declarant: { title: 'NGƯỜI KÊ KHAI', name: ['fullName', 'requesterName', 'applicantName'] },
};

/** The signature blocks of `formId` for these answers: consents first, then the declarant(s). */
export function signatureBlocks(formId: string, answers: A): SignatureBlock[] {
  const spec = SPECS[formId] ?? DEFAULT;
  const name = spec.declarant.name.map((k) => text(answers[k])).find((x) => x !== null) ?? null;
  const title = spec.declarant.title;
  const declarant: SignatureBlock = {
    title: typeof title === 'string' ? title : title(answers),
    note: SIGN,
    name,
    idNumber: null,
    kind: 'declarant',
  };
  const second = spec.second?.(answers) ?? null;
  return [...(spec.consents?.(answers) ?? []), ...(second ? [second] : []), declarant];
}
