/** "In tờ khai để ký" through the host service: verified session, the service's own forms, where the PDF goes. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../common/identity';
import type { PrintJob, Printer } from '../../native/printer/printer';
import { filledForms } from '../../tests/support/filled-forms';
import { dossierRoutingFrom } from '../dossier/routing';
import { PrinterService } from '../printer';
import { SessionManager } from '../session/session-manager';
import { FormsPrintService } from './forms-print-service';

const work = mkdtempSync(join(tmpdir(), 'forms-print-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const identity = {
  idNumber: '001190012345',
  fullName: 'Nguyễn Thị Hồng Nhung',
  dateOfBirth: '1990-05-12',
  sex: 'female',
  placeOfResidence: 'Số 1 Phố Tràng Thi, Phường Hàng Trống, Quận Hoàn Kiếm, Thành phố Hà Nội',
} as Identity;

function fakePrinter(kind: 'cups' | 'escpos', jobs: PrintJob[]): Printer {
  return {
    kind,
    status: async () => ({ kind, condition: 'ok' }),
    print: async (job) => {
      jobs.push(job);
      return { kind };
    },
  } as Printer;
}

function rig(printer: PrinterService | null, verified = true) {
  const sessions = new SessionManager();
  const s = sessions.start('vi');
  s.personal.set('identity', identity);
  if (verified) s.personal.set('decision', 'accept');
  const routing = dossierRoutingFrom({
    agencyTable: null,
    kioskCommuneCode: '99901',
    placeOfFiling: 'Ki-ốt dịch vụ công',
    holidaysFile: null,
  });
  return new FormsPrintService({
    sessions,
    printer,
    issuingSystem: 'Ki-ốt dịch vụ công (thử nghiệm)',
    routing,
    now: () => new Date('2026-11-30T03:00:00Z'),
  });
}

const text = (pdf: Buffer): string => {
  const file = join(work, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').normalize('NFC');
};

describe('FormsPrintService', () => {
  const forms = filledForms('temporary-residence', {}, null, identity as unknown as Record<string, unknown>);

  it('browser mode (file printer): the PDF comes back for download and nothing is written', async () => {
    const dir = join(work, 'file-mode');
    const printer = new PrinterService({ dataDir: dir });
    const r = await rig(printer).print('temporary-residence', forms);
    expect(r.kind).toBe('download');
    const t = text(Buffer.from(r.pdfBase64!, 'base64'));
    expect(t).toContain('TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ');
    expect(t).toContain('Nguyễn Thị Hồng Nhung');
    // the receiving agency of the case and the date line
    expect(t.replace(/\s+/g, ' ')).toContain('Kính gửi: Công an');
    expect(t.replace(/\s+/g, ' ')).toContain('ngày 30 tháng 11 năm 2026');
    expect(existsSync(join(dir, 'receipts'))).toBe(false);
  });

  it('an A4 printer (CUPS) gets the PDF', async () => {
    const jobs: PrintJob[] = [];
    const printer = new PrinterService({ dataDir: work, printer: fakePrinter('cups', jobs) });
    const r = await rig(printer).print('temporary-residence', forms);
    expect(r).toEqual({ kind: 'printed', pdfBase64: null });
    expect(jobs).toHaveLength(1);
    expect(text(jobs[0]!.pdf)).toContain('NGƯỜI KÊ KHAI');
  });

  it('a receipt-only thermal printer cannot print A4: a clear error, nothing sent', async () => {
    const jobs: PrintJob[] = [];
    const printer = new PrinterService({ dataDir: work, printer: fakePrinter('escpos', jobs) });
    await expect(rig(printer).print('temporary-residence', forms)).rejects.toMatchObject({
      code: 'print-forms-no-a4',
    });
    expect(jobs).toHaveLength(0);
  });

  it('needs a verified card holder, the service’s own forms and valid answers', async () => {
    await expect(rig(null, false).print('temporary-residence', forms)).rejects.toMatchObject({
      code: 'dossier-not-identified',
    });
    await expect(rig(null).print('passport', forms)).rejects.toMatchObject({ code: 'print-forms-invalid' });
    await expect(
      rig(null).print('temporary-residence', [
        { ...forms[0]!, answers: { ...forms[0]!.answers, phone: 'x' } },
      ]),
    ).rejects.toMatchObject({ code: 'print-forms-invalid' });
    await expect(rig(null).print('no-such-service', forms)).rejects.toMatchObject({
      code: 'dossier-unknown-service',
    });
  });
});
