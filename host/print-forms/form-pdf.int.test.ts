/**
 * Every form of every service the kiosk files, filled for every fictional citizen (fixtures/citizens), printed
 * as an A4 PDF and read back with `pdftotext` (poppler-utils, an independent reader): the title block, the
 * form code, every answer as printed on paper, the date line and the signature / consent blocks are there.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { getForm, loadCatalogue, visibleFields } from '../../catalogue';
import { filledForms } from '../../tests/support/filled-forms';
import { paperAnswer } from './answer-text';
import { dateLine, formCodeLine, renderFormsPdf, type PrintableForm } from './form-pdf';
import { signatureBlocks } from './signatures';

const dir = fileURLToPath(new URL('../../fixtures/citizens/', import.meta.url));
const citizens = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(dir + f, 'utf8')) as Record<string, unknown> & { id: string });

const work = mkdtempSync(join(tmpdir(), 'print-forms-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pdfText(pdf: Buffer, name: string): string {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').normalize('NFC');
}

/** Line breaks and spacing are the layout's business: compare without whitespace. */
const squash = (s: string): string => s.normalize('NFC').replace(/\s+/g, '');

const DATE = '2026-11-30';
const PLACE = 'Phường Mẫu Một';

function printable(serviceId: string, citizen: Record<string, unknown>): PrintableForm[] {
  const service = loadCatalogue().services.find((s) => s.id === serviceId)!;
  return service.forms.map((ref) => {
    const [filled] = filledForms(serviceId, {}, [ref.id], citizen);
    return { form: getForm(ref.id, ref.version), answers: filled!.answers };
  });
}

const services = loadCatalogue().services.filter(
  (s) => s.kioskSupport.mode !== 'info-only' && s.forms.length > 0,
);

describe('printed forms', () => {
  it.each(citizens.map((c) => [c.id, c] as const))(
    'every form of every service for %s holds every answer and its signature blocks',
    async (_id, citizen) => {
      for (const service of services) {
        const forms = printable(service.id, citizen);
        const pdf = await renderFormsPdf({
          forms,
          recipient: 'Công an phường Mẫu Một (mô phỏng)',
          place: PLACE,
          date: DATE,
          identity: citizen,
          issuingSystem: 'Ki-ốt dịch vụ công (thử nghiệm)',
        });
        const text = pdfText(pdf, `${citizen.id}-${service.id}`);
        const flat = squash(text);
        const where = `${service.id} × ${citizen.id}`;
        expect(pdf.subarray(0, 5).toString('latin1'), where).toBe('%PDF-');
        expect(text, where).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
        expect(text, where).toContain('Độc lập - Tự do - Hạnh phúc');
        expect(flat, where).toContain(squash('Kính gửi: Công an phường Mẫu Một (mô phỏng)'));
        expect(flat, where).toContain(squash(dateLine(PLACE, DATE)));
        for (const { form, answers } of forms) {
          expect(flat, where).toContain(squash(form.title.vi.toUpperCase()));
          const code = formCodeLine(form);
          if (code) expect(flat, `${where} code`).toContain(squash(code));
          const fields = visibleFields(form, answers, { identity: citizen, today: DATE });
          expect(fields.length).toBeGreaterThan(0);
          for (const f of fields) {
            const printed = paperAnswer(f, answers[f.id]);
            expect(flat, `${where} ${form.id}.${f.id} label`).toContain(squash(f.label.vi));
            if (printed !== null) expect(flat, `${where} ${form.id}.${f.id}`).toContain(squash(printed));
          }
          const shown = Object.fromEntries(fields.map((f) => [f.id, answers[f.id]]));
          for (const b of signatureBlocks(form.id, shown)) {
            expect(flat, `${where} ${form.id} block`).toContain(squash(b.title));
            if (b.name) expect(flat, `${where} ${form.id} signer`).toContain(squash(b.name));
            if (b.idNumber) expect(flat).toContain(b.idNumber);
          }
        }
      }
    },
  );
});

describe('consent blocks', () => {
  const ct01 = getForm('ct01', 'tt53-2025');
  const adult = citizens.find((c) => c.id === 'cccd-2021-no-cmnd')!;
  const minor = citizens.find((c) => c.id === 'age-16')!;
  const print = async (answers: Record<string, unknown>, identity: Record<string, unknown>) =>
    squash(
      pdfText(
        await renderFormsPdf({
          forms: [{ form: ct01, answers }],
          recipient: null,
          place: PLACE,
          date: DATE,
          identity,
          issuingSystem: 'Ki-ốt',
        }),
        `ct01-${Object.keys(answers).length}-${String(identity.id)}`,
      ),
    );

  it('CT01 into someone else’s household and home: the household head and the owner agree in writing', async () => {
    const [f] = filledForms('permanent-residence', { isHead: false, ownerIsSelf: false }, ['ct01'], adult);
    const text = await print(f!.answers, adult);
    expect(text).toContain(squash('Ý KIẾN CỦA CHỦ HỘ'));
    expect(text).toContain(squash('Ý KIẾN CỦA CHỦ SỞ HỮU HOẶC NGƯỜI ĐẠI DIỆN CHỖ Ở HỢP PHÁP'));
    expect(text).toContain(squash('NGƯỜI KÊ KHAI'));
    expect(text).toContain(squash(String(adult.fullName)));
    expect(text).not.toContain(squash('Ý KIẾN CỦA CHA, MẸ HOẶC NGƯỜI GIÁM HỘ'));
  });

  it('CT01 at one’s own home: no household-head or owner block', async () => {
    const [f] = filledForms('permanent-residence', { isHead: true, ownerIsSelf: true }, ['ct01'], adult);
    const text = await print(f!.answers, adult);
    expect(text).not.toContain(squash('Ý KIẾN CỦA CHỦ HỘ'));
    expect(text).not.toContain(squash('CHỦ SỞ HỮU HOẶC NGƯỜI ĐẠI DIỆN'));
    expect(text).toContain(squash('NGƯỜI KÊ KHAI'));
  });

  it('CT01 for a minor: the parent or guardian agrees in writing', async () => {
    const [f] = filledForms('permanent-residence', { isHead: true, ownerIsSelf: true }, ['ct01'], minor);
    expect(f!.answers.guardianName).toBeTruthy();
    const text = await print(f!.answers, minor);
    expect(text).toContain(squash('Ý KIẾN CỦA CHA, MẸ HOẶC NGƯỜI GIÁM HỘ'));
    expect(text).toContain(squash(String(f!.answers.guardianName)));
  });

  it('CT01 for a residence confirmation (service 28): no household-head or owner consent', async () => {
    const [f] = filledForms('residence-confirmation', { isHead: false, ownerIsSelf: false }, ['ct01'], adult);
    const text = await print(f!.answers, adult);
    expect(text).not.toContain(squash('Ý KIẾN CỦA CHỦ HỘ'));
    expect(text).toContain(squash('Xác nhận thông tin về cư trú'));
  });

  it('DC02 for a child’s first card (service 26) is signed by the legal representative', () => {
    const [f] = filledForms('child-id-card', { childDateOfBirth: '2018-04-02' }, ['dc02'], adult);
    const blocks = signatureBlocks('dc02', f!.answers);
    expect(blocks.map((b) => [b.title, b.name])).toEqual([['NGƯỜI ĐẠI DIỆN HỢP PHÁP', adult.fullName]]);
  });

  it('the marriage declaration is signed by both parties', () => {
    const blocks = signatureBlocks('marriage-declaration', { applicantName: 'A', partnerName: 'B' });
    expect(blocks.map((b) => b.name)).toEqual(['B', 'A']);
  });

  it('refuses an empty print job', async () => {
    await expect(
      renderFormsPdf({ forms: [], recipient: null, place: PLACE, date: DATE, issuingSystem: 'x' }),
    ).rejects.toMatchObject({ code: 'print-forms-invalid' });
  });
});
