/**
 * Service 08, traffic fines (a payment service, not a TTHC): look up by plate on the plate keyboard or by
 * decision number, pay one or several violations by VietQR through the mock's demo bank, the e-receipt on
 * screen and on paper (pdftotext); the error paths: nothing found, the system down, payment cancelled. What the
 * payment system received is read from the mock's own records.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from '@playwright/test';
import { QRPay } from 'vietnam-qr-pay';
import type { FinePaymentRecord } from '../../host/agencies/traffic-fines/mock';
import { agencyRecords, printedText, setAgencyFaults, tapExact } from './agency-support';
import { expect, expectAxeClean, test, chooseService } from './fixtures';

test.describe.configure({ mode: 'serial' });

/** From the welcome screen to the fines search, without a card. */
async function openFines(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('browse-services').click();
  await chooseService(page, 8);
  // The catalogue says honestly what this is.
  await expect(page.getByTestId('service-note')).toContainText('không phải thủ tục hành chính');
  await page.getByTestId('start-service').click();
  await expect(page.getByTestId('screen-fines')).toHaveAttribute('data-step', 'search');
}

async function searchPlate(page: Page, plate: string): Promise<void> {
  await page.getByTestId('fines-text').click();
  await tapExact(page, plate);
  await page.getByTestId('fines-search').click();
}

async function vietQrAmount(page: Page): Promise<string> {
  const src = (await page.getByTestId('vietqr').getAttribute('src'))!;
  const png = PNG.sync.read(Buffer.from(src.split(',')[1]!, 'base64'));
  const qr = new QRPay(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)!.data);
  expect(qr.isValid).toBe(true);
  return qr.amount ?? '';
}

test('nothing found: a plate with no violation, an unknown decision, a plate that is not one', async ({
  page,
  demoKiosk,
}) => {
  await openFines(page, demoKiosk.url);
  await searchPlate(page, '30A-123.45');
  await expect(page.getByTestId('fines-none')).toContainText(
    'Không tìm thấy vi phạm nào chưa nộp phạt của 30A-123.45',
  );
  await page.getByRole('button', { name: 'Tra cứu lại' }).click();
  await page.getByTestId('fines-by-decision').check();
  await page.getByTestId('fines-text').click();
  await tapExact(page, '1/QĐ-XPHC');
  await page.getByTestId('fines-search').click();
  await expect(page.getByTestId('fines-search-error')).toHaveAttribute('data-code', 'agency-not-found');
  await expect(page.getByTestId('fines-search-error')).toContainText('Không tìm thấy thông tin');
  await page.getByTestId('fines-by-plate').check();
  await searchPlate(page, '3A1');
  await expect(page.getByTestId('fines-search-error')).toHaveAttribute('data-code', 'plate-bad-shape');
  await expect(page.getByTestId('fines-search-error')).toContainText('Biển số chưa đúng dạng');
});

test('the payment system is down: a clear sentence, try again, a queue ticket', async ({
  page,
  demoKiosk,
}) => {
  await openFines(page, demoKiosk.url);
  await setAgencyFaults(demoKiosk, 'traffic-fines', { down: true });
  try {
    await searchPlate(page, '99A99901');
    await expect(page.getByTestId('agency-error')).toHaveAttribute('data-code', 'agency-unreachable');
    await expect(page.getByTestId('agency-error')).toContainText(
      'Hiện chưa kết nối được hệ thống của cơ quan',
    );
    await expect(page.getByTestId('agency-queue')).toBeVisible();
  } finally {
    await setAgencyFaults(demoKiosk, 'traffic-fines', {});
  }
  await page.getByTestId('agency-retry').click();
  await expect(page.getByTestId('fines-results')).toBeVisible();
  // The way to staff: a queue ticket.
  await page.getByRole('button', { name: 'Tra cứu lại' }).click();
  await setAgencyFaults(demoKiosk, 'traffic-fines', { errorRate: 1 });
  try {
    await searchPlate(page, '99A99901');
    await expect(page.getByTestId('agency-error')).toHaveAttribute('data-code', 'agency-server-error');
    await page.getByTestId('agency-queue').click();
    await expect(page.getByTestId('screen-queue')).toBeVisible();
  } finally {
    await setAgencyFaults(demoKiosk, 'traffic-fines', {});
  }
});

test('payment cancelled: nothing taken, the mock marks it cancelled, paying again is offered', async ({
  page,
  demoKiosk,
}) => {
  await openFines(page, demoKiosk.url);
  await searchPlate(page, '99B199902');
  await expect(page.getByTestId('fine-VP-0003')).toContainText('Đi vào đường cấm');
  await page.getByTestId('fines-pay').click();
  expect(await vietQrAmount(page)).toBe('300000');
  const reference = await page.getByTestId('payment-reference').innerText();
  await page.getByTestId('fines-cancel').click();
  await expect(page.getByTestId('fines-cancelled')).toContainText('Bạn chưa nộp tiền');
  const rec = agencyRecords<FinePaymentRecord>(demoKiosk, 'traffic-fines').find(
    (r) => r.reference === reference,
  );
  expect(rec).toMatchObject({ state: 'cancelled', violationIds: ['VP-0003'], amountVnd: 300_000 });
  await page.getByTestId('fines-pay-again').click();
  await expect(page.getByTestId('payment-reference')).not.toHaveText(reference);
});

test('two violations of one plate paid with one VietQR; the e-receipt on screen and on paper; no owner shown', async ({
  page,
  demoKiosk,
}) => {
  await openFines(page, demoKiosk.url);
  await searchPlate(page, '99A-999.01');
  const results = page.getByTestId('fines-results');
  await expect(results).toContainText('Vi phạm của 99A-999.01');
  const first = page.getByTestId('fine-VP-0001');
  await expect(first).toContainText('Không chấp hành hiệu lệnh của đèn tín hiệu giao thông');
  await expect(first).toContainText('03/10/2026 07:42');
  await expect(first).toContainText('Nút giao đường Mẫu Một');
  await expect(first).toContainText('4.000.000 đ');
  await expect(first).toContainText('15/12/2026');
  await expect(first).toContainText('1201/QĐ-XPHC');
  await expect(page.getByTestId('fine-VP-0002')).toContainText('800.000 đ');
  // Never the owner: the fixture holds a name the screen must not show.
  await expect(page.locator('body')).not.toContainText('NGUYỄN VĂN MẪU');
  await expect(page.getByTestId('fines-total')).toContainText('4.800.000 đ');
  await expectAxeClean(page, 'fines results');
  await page.getByTestId('fines-pay').click();
  expect(await vietQrAmount(page)).toBe('4800000');
  const reference = await page.getByTestId('payment-reference').innerText();
  await page.getByTestId('demo-bank').click();
  await expect(page.getByTestId('fines-paid')).toBeVisible();
  await expect(page.getByTestId('fines-e-receipt')).toContainText(/Số \d{7}, ký hiệu BLP-\d{2}XP/);
  await expect(page.getByTestId('fines-paid-amount')).toHaveText('4.800.000 đ');
  await expectAxeClean(page, 'fines e-receipt');
  const rec = agencyRecords<FinePaymentRecord>(demoKiosk, 'traffic-fines').find(
    (r) => r.reference === reference,
  );
  expect(rec).toMatchObject({
    state: 'paid',
    violationIds: ['VP-0001', 'VP-0002'],
    decisionNumbers: ['1201/QĐ-XPHC', '1388/QĐ-XPHC'],
    amountVnd: 4_800_000,
  });
  await page.getByTestId('agency-print').click();
  await expect(page.getByTestId('agency-printed')).toBeVisible();
  const printed = printedText(demoKiosk, reference);
  expect(printed).toContain('BIÊN LAI THU TIỀN PHẠT VI PHẠM HÀNH CHÍNH');
  expect(printed).toContain(`Số ${rec!.eReceipt!.number}, ký hiệu ${rec!.eReceipt!.series}`);
  expect(printed).toContain('4.800.000 đồng');
  expect(printed).toContain('Quyết định số 1201/QĐ-XPHC');
  expect(printed).toContain('Quyết định số 1388/QĐ-XPHC');
  expect(printed).not.toContain('NGUYỄN VĂN MẪU');
  // Paid now: the same plate shows them paid, nothing left to pay.
  await page.getByTestId('agency-done').click();
  await openFines(page, demoKiosk.url);
  await searchPlate(page, '99A99901');
  await expect(page.getByTestId('fines-none')).toBeVisible();
});
