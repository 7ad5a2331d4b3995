/**
 * Whole citizen journeys against the real host, a private pcscd with the vpcd driver, the reader simulator,
 * the virtual serial QR scanner and the mock national portal in its own process.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { QRPay } from 'vietnam-qr-pay';
import {
  chooseService,
  declareAndSubmit,
  bringAllToCounter,
  expect,
  fillTemporaryAbsence,
  fillWithKeyboard,
  identifyWithDemoCard,
  passAttachmentsIfAsked,
  takeCardAndLeave,
  tapKeys,
  test,
} from './fixtures';

/** The text of a printed receipt (file printer), whitespace collapsed; '' while it is not written yet. */
const pdfText = (file: string): string =>
  existsSync(file)
    ? execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'])
        .toString('utf8')
        .normalize('NFC')
        .replace(/\s+/g, ' ')
    : '';

/** `<receiving agency>-YYMMDD-XXXX`: the agency differs by procedure (police, People's Committee, …). */
const DOSSIER_CODE = /^[0-9A-Z]{2,3}(\.[0-9A-Z]{2,3}){2,4}-\d{6}-\d{4}$/;

const screens = fileURLToPath(new URL('../../docs/screens/', import.meta.url));
test.describe.configure({ mode: 'serial' });
let lastDossierCode = '';

test('temporary residence (service 4) via the chip, from the card to the dossier code', async ({
  page,
  demoKiosk,
  request,
}) => {
  test.setTimeout(120_000);
  await page.goto(demoKiosk.url);
  await identifyWithDemoCard(page, 'cccd-2021-with-cmnd');
  await expect(page.getByTestId('screen-confirm')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('identity-name')).toHaveText('Nguyễn Thị Hồng Nhung');
  await expect(page.getByTestId('identity-photo')).toBeVisible();
  await expect(page.getByTestId('verification')).toContainText('không bị sửa đổi');
  await page.screenshot({ path: `${screens}journey-confirm-identity.png` });
  await page.getByTestId('confirm-yes').click();

  await page.getByTestId('service-search').click();
  for (const k of 'tam tru')
    await page.locator(`.keyboard-dock [data-key="${k === ' ' ? 'space' : k}"]`).click();
  await page.locator('.keyboard-dock [data-key="done"]').click();
  await page.getByTestId('service-4').first().click();
  // Only the line that applies: the kiosk files online (configured channel), an individual pays 7,000 đ.
  await expect(page.getByTestId('service-fee')).toContainText('7.000');
  await expect(page.getByTestId('service-fee')).not.toContainText('15.000');
  await expect(page.getByTestId('fee-channel')).toBeVisible();
  await page.getByTestId('start-service').click();

  // Step 1: everything comes from the card.
  await expect(page.getByTestId('prefilled-fullName')).toContainText('Nguyễn Thị Hồng Nhung');
  await expect(page.getByTestId('prefilled-idNumber')).toContainText('001190012345');
  await page.getByTestId('continue').click();

  // Step 2: the phone number is required; the error summary says so before it is typed.
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('error-summary')).toBeVisible();
  // The sentence comes from its code (answer.required → answer.required-enter), not a generic fallback.
  await expect(page.getByTestId('error-summary')).toContainText('Vui lòng nhập');
  await page.screenshot({ path: `${screens}journey-error-summary.png` });
  await page.locator('[data-field="phone"]').click();
  for (const k of '0912345678') await page.locator(`.keyboard-dock [data-key="${k}"]`).click();
  await page.getByTestId('continue').click();

  // The citizen is the household head: CT01 items 7–9 are filled from the chip, read-only.
  await page.getByTestId('field-isHead').getByText('Có', { exact: true }).click();
  await expect(page.getByTestId('prefilled-headName')).toContainText('Nguyễn Thị Hồng Nhung');
  await expect(page.getByTestId('prefilled-headIdNumber')).toContainText('001190012345');
  await expect(page.getByTestId('field-headRelation').locator('input[value="chu-ho"]')).toBeChecked();
  await expect(page.getByTestId('other-card-offer')).toHaveCount(0);
  await page.getByTestId('continue').click();
  // The new address is required: province, then the commune found by typing without accents.
  await page.getByTestId('field-requestKind').locator('input[type=radio]').first().check();
  await page.locator('[data-testid="province-option"][data-code="01"]').click();
  await fillWithKeyboard(page, 'residenceAddress__q', 'giang vo');
  await page.getByTestId('commune-option').first().click();
  await expect(page.getByTestId('commune-picker-residenceAddress')).toHaveAttribute('data-value', '00025');
  await expect(page.getByTestId('commune-picker-residenceAddress')).toContainText('Giảng Võ');
  await tapKeys(page, 'So 5');
  await page.getByTestId('continue').click();
  await page.getByTestId('field-hasMembers').getByText('Không', { exact: true }).click();
  await page.getByTestId('continue').click();
  await page.getByTestId('field-ownerIsSelf').getByText('Có', { exact: true }).click();
  await page.getByTestId('continue').click();

  await expect(page.getByTestId('check-answers')).toBeVisible();
  await expect(page.getByTestId('answer-phone')).toContainText('0912345678');
  await expect(page.getByTestId('answer-headName')).toContainText('Nguyễn Thị Hồng Nhung');
  await expect(page.getByTestId('answer-headRelation')).toContainText('Là chủ hộ');
  await page.screenshot({ path: `${screens}journey-check-answers.png`, fullPage: true });
  await declareAndSubmit(page);
  await bringAllToCounter(page);

  await expect(page.getByTestId('screen-receipt')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('dossier-code')).toHaveText(DOSSIER_CODE);
  await expect(page.getByTestId('receipt-print')).toHaveAttribute('data-state', 'done');
  await page.screenshot({ path: `${screens}journey-receipt.png` });

  // The fee the provincial system bills (its own fee for the channel wins over the catalogue's), paid by bank
  // transfer: a VietQR a banking app can read.
  const code = await page.getByTestId('dossier-code').innerText();
  const billed = (
    (await (await request.get(`${demoKiosk.mockPortal}/admin/dossiers`)).json()) as {
      dossiers: { MaHoSo: string; TongLePhi: number; DonViXuLy: string }[];
    }
  ).dossiers.find((d) => d.MaHoSo === code)!;
  expect(billed.DonViXuLy).toBe(code.split('-')[0]);
  // Temporary residence, filed online through the kiosk: one fee line, 7,000 đ (dossier-rules.md §1).
  expect(billed.TongLePhi).toBe(7000);
  // Printed before the system has accepted it: a submission confirmation, not the official receipt, with the
  // working-day appointment as a date and a half-day, the documents still to bring and where, the fee to pay.
  const printed = path.join(demoKiosk.dataDir, 'receipts', `${code}.pdf`);
  const first = pdfText(printed);
  expect(first).toContain('PHIẾU XÁC NHẬN ĐÃ NỘP HỒ SƠ');
  expect(first).not.toContain('GIẤY TIẾP NHẬN HỒ SƠ');
  expect(first).toMatch(
    /Ngày hẹn trả dự kiến Buổi (sáng|chiều) thứ (Hai|Ba|Tư|Năm|Sáu), \d{2}\/\d{2}\/\d{4}/,
  );
  expect(first).toContain('Giấy tờ chứng minh chỗ ở hợp pháp');
  expect(first).toContain('Nơi nộp: Công an phường Mẫu Một');
  expect(first).toContain('chưa thanh toán');
  await expect(page.getByTestId('appointment')).toContainText(/Buổi (sáng|chiều)/);
  await page.getByTestId('pay-now').click();
  await expect(page.getByTestId('payment-amount')).toHaveText(
    `${new Intl.NumberFormat('vi-VN').format(billed.TongLePhi)} đ`,
  );
  const src = (await page.getByTestId('vietqr').getAttribute('src'))!;
  const png = PNG.sync.read(Buffer.from(src.split(',')[1]!, 'base64'));
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  const vietQr = new QRPay(decoded!.data);
  expect(vietQr.isValid).toBe(true);
  expect(vietQr.amount).toBe(String(billed.TongLePhi));
  expect(vietQr.additionalData.purpose).toBe(await page.getByTestId('payment-reference').innerText());
  // One QR per page: the payment QR takes the receipt QR's place; a button swaps them.
  await expect(page.locator('main img.receipt-qr')).toHaveCount(1);
  await expect(page.getByTestId('receipt-qr')).toHaveCount(0);
  await page.getByTestId('swap-qr').click();
  await expect(page.getByTestId('receipt-qr')).toBeVisible();
  await expect(page.getByTestId('vietqr')).toHaveCount(0);
  await page.getByTestId('swap-qr').click();
  await expect(page.getByTestId('vietqr')).toBeVisible();
  await page.screenshot({ path: `${screens}journey-payment.png` });
  await page.getByTestId('demo-bank').click();
  await expect(page.getByTestId('payment-paid')).toBeVisible({ timeout: 15_000 });
  // Reprinted once paid: the fee says paid and the system's electronic fee receipt is on it.
  await expect(page.getByTestId('receipt-print')).toHaveAttribute('data-state', 'done');
  const eReceipt = (
    (await (await request.get(`${demoKiosk.mockPortal}/admin/dossiers`)).json()) as {
      dossiers: { MaHoSo: string; BienLaiDienTu: string | null; DuocThanhToanTrucTuyen: string }[];
    }
  ).dossiers.find((d) => d.MaHoSo === code)!;
  expect(eReceipt.BienLaiDienTu).toMatch(/^\d+$/);
  expect(eReceipt.DuocThanhToanTrucTuyen).toBe('1');
  // …shown on screen as the number and a QR that opens the system's receipt page.
  await expect(page.getByTestId('e-receipt')).toContainText(`số ${eReceipt.BienLaiDienTu}`);
  await expect(page.locator('main img.receipt-qr')).toHaveCount(1);
  const eqr = (await page.getByTestId('e-receipt-qr').getAttribute('src'))!;
  const epng = PNG.sync.read(Buffer.from(eqr.split(',')[1]!, 'base64'));
  const link = jsQR(new Uint8ClampedArray(epng.data), epng.width, epng.height)!.data;
  expect(await (await request.get(link)).json()).toMatchObject({
    MaHoSo: code,
    SoBienLai: eReceipt.BienLaiDienTu,
  });
  await expect.poll(() => pdfText(printed)).toContain(`Số ${eReceipt.BienLaiDienTu}`);
  const reprint = pdfText(printed);
  expect(reprint).toContain('đã thanh toán');
  expect(reprint).toContain('Biên lai thu phí, lệ phí điện tử');
  lastDossierCode = await page.getByTestId('dossier-code').innerText();
  await page.getByTestId('finish').click();
  // One tap on a happy face rates the journey and ends it.
  await expect(page.getByTestId('screen-rating')).toBeVisible();
  await page.getByTestId('rating-5').click();
  // The card is still on the reader: the kiosk asks for it and the receipt back until it is taken.
  await expect(page.getByTestId('screen-ending')).toHaveAttribute('data-reason', 'done');
  await expect(page.getByTestId('take-card')).toHaveText('Vui lòng lấy lại thẻ Căn cước và giấy biên nhận');
  await page.screenshot({ path: `${screens}journey-take-card.png` });
  await takeCardAndLeave(page);
  // Counted in the kiosk's aggregate table (codes and numbers only): today's "very happy" for service 4.
  const ratings = (): number => {
    const db = new Database(path.join(demoKiosk.dataDir, 'kiosk.db'), { readonly: true });
    try {
      const r = db
        .prepare(
          "SELECT SUM(value) AS n FROM report_counts WHERE metric = 'rating' AND key = '5' AND service_id = 'temporary-residence'",
        )
        .get() as { n: number | null };
      return r.n ?? 0;
    } finally {
      db.close();
    }
  };
  await expect.poll(ratings).toBeGreaterThanOrEqual(1);
});

test('temporary residence at her son’s: the son, head of household, taps his own card (second card read)', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(120_000);
  await page.goto(demoKiosk.url);
  await identifyWithDemoCard(page, 'over-60');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  await page.getByTestId('service-4').first().click();
  await page.getByTestId('start-service').click();
  await page.getByTestId('continue').click();
  await fillWithKeyboard(page, 'phone', '0912345678');
  await page.getByTestId('continue').click();

  await page.getByTestId('field-isHead').getByText('Không', { exact: true }).click();
  await page.getByTestId('other-card-start').click();
  // His own consent first; nothing is read before it.
  await expect(page.getByTestId('other-card')).toHaveAttribute('data-role', 'household-head');
  await page.getByTestId('other-consent-yes').click();
  await page.getByTestId('demo-open').click();
  await page.getByTestId('demo-profile').selectOption('cccd-2021-no-cmnd');
  await page.getByTestId('demo-qr').click();
  await expect(page.getByTestId('other-qr')).toContainText('✓');
  await page.getByTestId('demo-insert').click();
  await page
    .getByTestId('demo-panel')
    .getByRole('button', { name: /Đóng|Close/ })
    .click();
  // Back on the form: his name and ID from his verified chip, read-only; her own identity unchanged.
  await expect(page.getByTestId('prefilled-headName')).toContainText('Trần Văn Đức', { timeout: 30_000 });
  await expect(page.getByTestId('prefilled-headIdNumber')).toContainText('079097004567');
  await expect(page.getByTestId('prefilled-headName')).toContainText('chủ hộ');
  await page.getByTestId('field-headRelation').getByText('Con', { exact: true }).click();
  await page.getByTestId('continue').click();

  // The address she registers at is suggested from his card, remapped to today's units.
  await page.getByTestId('field-requestKind').getByText('Đăng ký tạm trú', { exact: true }).click();
  await expect(page.locator('[data-field="residenceAddress.detail"]')).toHaveValue('123/4 Đường Nguyễn Trãi');
  await expect(page.locator('#f-residenceAddress-provinceCode')).toHaveAttribute('data-value', '79');
  await page.getByTestId('continue').click();
  await page.getByTestId('field-hasMembers').getByText('Không', { exact: true }).click();
  await page.getByTestId('continue').click();
  await page.getByTestId('field-ownerIsSelf').getByText('Không', { exact: true }).click();
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('answer-fullName')).toContainText('Lê Thị Bưởi');
  await expect(page.getByTestId('answer-headName')).toContainText('Trần Văn Đức');
  await expect(page.getByTestId('answer-ownerIdNumber')).toContainText('079097004567');
  await declareAndSubmit(page);
  await passAttachmentsIfAsked(page);
  await expect(page.getByTestId('screen-receipt')).toBeVisible({ timeout: 20_000 });
  // He takes his card back; the visit ends.
  await page.getByTestId('demo-open').click();
  await page.getByTestId('demo-remove').click();
  await page
    .getByTestId('demo-panel')
    .getByRole('button', { name: /Đóng|Close/ })
    .click();
  await page.getByTestId('finish').click();
  await page.getByTestId('rating-skip').click();
  await expect(page.getByTestId('screen-ending')).toHaveAttribute('data-card', 'absent');
  await takeCardAndLeave(page);
});

test('anyone can look up a dossier by the code on the receipt, typed on the on-screen keyboard', async ({
  page,
  demoKiosk,
}) => {
  expect(lastDossierCode).not.toBe('');
  await page.goto(demoKiosk.url);
  await page.getByTestId('lookup').click();
  await page.getByTestId('lookup-search').click();
  await expect(page.getByTestId('lookup-error')).toBeVisible();
  await page.getByTestId('lookup-code').click();
  for (const ch of lastDossierCode.toLowerCase())
    await page.locator(`.keyboard-dock [data-key="${ch}"]`).click();
  await expect(page.getByTestId('lookup-code')).toHaveValue(lastDossierCode);
  await page.getByTestId('lookup-search').click();
  await expect(page.getByTestId('lookup-status')).not.toBeEmpty();
  await expect(page.getByTestId('lookup-result')).toContainText('Đăng ký tạm trú');
  await expect(page.getByTestId('lookup-result')).toContainText('đã nộp');
  await page.screenshot({ path: `${screens}journey-lookup.png` });
});

test('a forged chip is refused politely, with the call for staff on the screen', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(90_000);
  await page.goto(demoKiosk.url);
  await identifyWithDemoCard(page, 'cccd-2021-no-cmnd', ['forged-dg']);
  await expect(page.getByTestId('screen-refused')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('screen-refused')).toHaveAttribute('data-decision', 'refuse-forged');
  await page.screenshot({ path: `${screens}journey-refused.png` });
  // A dead end: "Gọi cán bộ" is on the screen itself. This kiosk has no receiver for calls: the counter it is.
  await page.getByTestId('call-staff-big').click();
  await expect(page.getByTestId('call-staff-dialog')).toHaveAttribute('data-outcome', 'counter');
  await page.getByTestId('call-staff-close').click();
  await page.getByTestId('refused-finish').click();
  await expect(page.getByTestId('screen-rating')).toBeVisible();
  await page.getByTestId('rating-skip').click();
  await expect(page.getByTestId('screen-ending')).toHaveAttribute('data-reason', 'refused');
  await expect(page.getByTestId('take-card')).toHaveText('Vui lòng lấy lại thẻ Căn cước');
  await takeCardAndLeave(page);
});

test('declining consent reads nothing and ends the session', async ({ page, demoKiosk }) => {
  await page.goto(demoKiosk.url);
  await page.getByTestId('start').click();
  await page.screenshot({ path: `${screens}journey-consent.png` });
  await page.getByTestId('consent-no').click();
  await expect(page.getByTestId('screen-ending')).toHaveAttribute('data-reason', 'consent-declined');
  await takeCardAndLeave(page);
});

test('birth registration (service 9) by a parent, the child’s details typed on the on-screen keyboard', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(180_000);
  await page.goto(demoKiosk.url);
  await identifyWithDemoCard(page, 'young');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  await page.getByTestId('service-9').first().click();
  await page.getByTestId('start-service').click();

  // The parent is the requester: name and ID come from the card.
  await expect(page.getByTestId('prefilled-requesterName')).toBeVisible();
  await page.getByTestId('field-requesterRelation').getByText('Mẹ', { exact: true }).click();
  await page.getByTestId('continue').click();

  // The child's name in Telex.
  await page.locator('[data-field="childName"]').click();
  await page.locator('.keyboard-dock [data-key="method-telex"]').click();
  await tapKeys(page, 'Nguyeenx Thij Huwowng');
  await expect(page.locator('[data-field="childName"]')).toHaveValue('Nguyễn Thị Hương');
  await fillWithKeyboard(page, 'childDateOfBirth__d', '2');
  await fillWithKeyboard(page, 'childDateOfBirth__m', '11');
  await fillWithKeyboard(page, 'childDateOfBirth__y', '2026');
  await page.getByTestId('field-childSex').getByText('Nữ', { exact: true }).click();
  await page.screenshot({ path: `${screens}journey-birth-child-telex.png` });
  await page.getByTestId('continue').click();

  // The rest of the child's details, in VNI this time; ethnicity, nationality and home town are suggested
  // from the mother's card (ordinary inputs she may change).
  await page.locator('[data-field="childPlaceOfBirth"]').click();
  await page.locator('.keyboard-dock [data-key="method-vni"]').click();
  await tapKeys(page, 'Be65nh vie65n Ha2 No65i');
  await expect(page.locator('[data-field="childPlaceOfBirth"]')).toHaveValue('Bệnh viện Hà Nội');
  await expect(page.locator('[data-field="childEthnicity"]')).toHaveValue('Tày');
  await expect(page.locator('[data-field="childNationality"]')).toHaveValue('Việt Nam');
  await page.getByTestId('continue').click();

  // The mother is the requester: her block comes from her chip, read-only; she types nothing about herself.
  await expect(page.getByTestId('prefilled-motherName')).toContainText('Phạm Ngọc Ánh Dương');
  await expect(page.getByTestId('prefilled-motherName')).toHaveAttribute('data-readonly', 'true');
  await expect(page.getByTestId('prefilled-motherYearOfBirth')).toContainText('2007');
  await expect(page.locator('#f-motherResidence-provinceCode')).toHaveAttribute('data-value', '01');
  await expect(page.locator('[data-field="motherResidence.detail"]')).toHaveValue('Số 7 Phố Hàng Bạc');
  await page.getByTestId('continue').click();

  await page.getByTestId('field-hasFather').getByText('Không', { exact: true }).click();
  await page.getByTestId('continue').click();
  await page.getByTestId('field-wantCopies').getByText('Không', { exact: true }).click();
  await page.getByTestId('continue').click();

  await expect(page.getByTestId('answer-childName')).toContainText('Nguyễn Thị Hương');
  await expect(page.getByTestId('answer-childDateOfBirth')).toContainText('02/11/2026');
  await declareAndSubmit(page);
  await bringAllToCounter(page);
  await expect(page.getByTestId('dossier-code')).toHaveText(DOSSIER_CODE, {
    timeout: 20_000,
  });
});

test('CMND confirmation (service 1) with the key from the card’s QR through the serial scanner', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(120_000);
  await page.goto(demoKiosk.url);
  // identifyWithDemoCard shows the QR to the virtual USB-CDC scanner (a pty the host reads with serialport).
  await identifyWithDemoCard(page, 'cccd-2021-with-cmnd');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  await chooseService(page, 1);
  await expect(page.getByTestId('service-fee')).toContainText('Miễn phí');
  await page.getByTestId('start-service').click();
  // The request kind is the service's own (not asked); the citizen starts with what the card says.
  await expect(page.getByTestId('field-requestKind')).toHaveCount(0);
  await expect(page.getByTestId('prefilled-fullName')).toContainText('Nguyễn Thị Hồng Nhung');
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('prefilled-oldIdNumber')).toContainText('012345678');
  await page.getByTestId('continue').click();
  await fillWithKeyboard(page, 'phone', '0987654321');
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('answer-oldIdNumber')).toContainText('012345678');
  await declareAndSubmit(page);
  await bringAllToCounter(page);
  await expect(page.getByTestId('dossier-code')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('finish').click();
});

test('the card pulled off mid-read: the citizen is asked to put it back, and the read resumes', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(120_000);
  await page.goto(demoKiosk.url);
  await identifyWithDemoCard(page, 'long-address', ['slow:100'], { close: false });
  await expect(page.getByTestId('screen-reading')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('demo-remove').click();
  await expect(page.getByTestId('reading-error')).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: `${screens}journey-card-removed.png` });
  await page.getByTestId('demo-insert').click();
  await expect(page.getByTestId('screen-confirm')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('verification')).toContainText('không bị sửa đổi');
  await page.getByTestId('confirm-no').click();
  await expect(page.getByTestId('screen-ending')).toHaveAttribute('data-reason', 'not-me');
  await takeCardAndLeave(page);
});

test('portal down: the citizen leaves with a queued receipt and the dossier is delivered later', async ({
  page,
  demoKiosk,
  request,
}) => {
  test.setTimeout(180_000);
  expect(demoKiosk.mockPortal).not.toBeNull();
  await request.post(`${demoKiosk.mockPortal}/admin/faults`, { data: { down: true } });
  try {
    await page.goto(demoKiosk.url);
    await identifyWithDemoCard(page, 'over-60');
    await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
    await chooseService(page, 5);
    await page.getByTestId('start-service').click();
    await fillTemporaryAbsence(page);
    await expect(page.getByTestId('answer-reason')).toContainText('Đi làm xa');
    await declareAndSubmit(page);
    await bringAllToCounter(page);
    await expect(page.getByTestId('screen-receipt')).toHaveAttribute('data-state', 'queued', {
      timeout: 30_000,
    });
    await expect(page.getByTestId('local-ref')).toBeVisible();
    // No source gives the fee of a temporary-absence declaration: unknown, never "free", on screen and on paper.
    await expect(page.getByTestId('receipt-fee')).toHaveText('Cán bộ sẽ thông báo');
    await expect(page.getByTestId('receipt-print')).toHaveAttribute('data-state', 'done');
    const localRef = await page.getByTestId('local-ref').innerText();
    const printed = execFileSync('pdftotext', [
      '-enc',
      'UTF-8',
      path.join(demoKiosk.dataDir, 'receipts', `${localRef}.pdf`),
      '-',
    ])
      .toString('utf8')
      .normalize('NFC')
      .replace(/\s+/g, ' ');
    expect(printed).toContain('Phí, lệ phí Cán bộ sẽ thông báo');
    expect(printed).not.toContain('Miễn phí');
    await page.screenshot({ path: `${screens}journey-queued-receipt.png` });
  } finally {
    await request.post(`${demoKiosk.mockPortal}/admin/faults`, { data: { down: false } });
  }
  // The outbox retries with backoff; the same screen shows the dossier code once the portal has it.
  await expect(page.getByTestId('screen-receipt')).toHaveAttribute('data-state', 'delivered', {
    timeout: 90_000,
  });
  await expect(page.getByTestId('dossier-code')).toHaveText(DOSSIER_CODE);
  const dossiers = await (await request.get(`${demoKiosk.mockPortal}/admin/dossiers`)).json();
  expect(JSON.stringify(dossiers)).toContain(await page.getByTestId('dossier-code').innerText());
  await page.getByTestId('finish').click();
});

test('a queue number for the counter: numbered per group, shown on screen and printed', async ({
  page,
  demoKiosk,
}) => {
  await page.goto(demoKiosk.url);
  await page.getByTestId('queue').click();
  await page.getByTestId('queue-justice').click();
  const first = await page.getByTestId('queue-number').innerText();
  expect(first).toMatch(/^B\d{3}$/);
  await expect(page.getByTestId('screen-queue-ticket')).toContainText('Phiếu đã được in');
  await page.screenshot({ path: `${screens}journey-queue-ticket.png` });
  await page.getByTestId('queue-done').click();
  await page.getByTestId('queue').click();
  await page.getByTestId('queue-justice').click();
  expect(Number((await page.getByTestId('queue-number').innerText()).slice(1))).toBe(
    Number(first.slice(1)) + 1,
  );
});
