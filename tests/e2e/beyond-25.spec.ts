/**
 * A service beyond the 25 end to end (28 "Xác nhận thông tin về cư trú", 1.010041): CT01 with the service's
 * request kind, "In tờ khai để ký" on the check-answers screen (browser mode: a PDF download, read back with
 * pdftotext), the dossier filed to the mock provincial system and checked in its own database.
 */
import { execFileSync } from 'node:child_process';
import {
  answerCt01Address,
  expect,
  fillWithKeyboard,
  mockPortalDossier,
  openServiceWithDemoCard,
  passAttachmentsIfAsked,
  takeCardAndLeave,
  test,
  declareAndSubmit,
} from './fixtures';

const DOSSIER_CODE = /^[0-9A-Z]{2,3}(\.[0-9A-Z]{2,3}){2,4}-\d{6}-\d{4}$/;

const pdfText = (file: string): string =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'])
    .toString('utf8')
    .normalize('NFC')
    .replace(/\s+/g, ' ');

test('residence confirmation (service 28): print the CT01 to sign, file it, the mock system records 1.010041', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(180_000);
  await openServiceWithDemoCard(page, demoKiosk.url, 28);
  await expect(page.getByTestId('service-fee')).toContainText('Miễn phí');
  await page.getByTestId('start-service').click();
  await expect(page.getByTestId('prefilled-fullName')).toContainText('Nguyễn Thị Hồng Nhung');
  await page.getByTestId('continue').click();
  await fillWithKeyboard(page, 'phone', '0912345678');
  await page.getByTestId('continue').click();
  await page.getByTestId('field-isHead').getByText('Có', { exact: true }).click();
  await page.getByTestId('continue').click();
  // The request kind is the service's own: not asked.
  await expect(page.getByTestId('field-requestKind')).toHaveCount(0);
  await answerCt01Address(page);

  // "In tờ khai để ký": no printer in browser mode, so the completed form downloads as a PDF.
  await expect(page.getByTestId('check-answers')).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('print-forms-button').click(),
  ]);
  await expect(page.getByTestId('print-forms')).toHaveAttribute('data-state', 'download');
  const file = test.info().outputPath('ct01-to-sign.pdf');
  await download.saveAs(file);
  const form = pdfText(file);
  expect(form).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(form).toContain('Mẫu CT01');
  expect(form).toContain('TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ');
  expect(form).toContain('Nguyễn Thị Hồng Nhung');
  expect(form).toContain('001190012345');
  expect(form).toContain('Nội dung đề nghị: Xác nhận thông tin về cư trú');
  expect(form).toContain('0912345678');
  expect(form).toContain('NGƯỜI KÊ KHAI');
  // a confirmation needs no household-head or owner consent
  expect(form).not.toContain('Ý KIẾN CỦA CHỦ HỘ');

  await declareAndSubmit(page);
  await passAttachmentsIfAsked(page);
  await expect(page.getByTestId('dossier-code')).toHaveText(DOSSIER_CODE, { timeout: 20_000 });
  await expect(page.getByTestId('screen-receipt')).toContainText('1.010041');
  // the receipt screen offers the same print
  await expect(page.getByTestId('print-forms-button')).toBeVisible();
  const code = await page.getByTestId('dossier-code').innerText();
  await page.getByTestId('finish').click();
  await page.getByTestId('rating-skip').click();
  await takeCardAndLeave(page);

  // The mock provincial system's own record: the procedure, no fee, the CT01 with the service's request kind.
  const record = mockPortalDossier(demoKiosk, code);
  expect(record).toMatchObject({ procedureCode: '1.010041', feeVnd: 0 });
  expect((record!.body as { DuLieuBieuMau: { ct01: unknown } }).DuLieuBieuMau.ct01).toMatchObject({
    requestKind: 'xac-nhan-cu-tru',
    idNumber: '001190012345',
  });
});
