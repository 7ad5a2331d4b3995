/**
 * Service 07, motorbike registration: the owner identified by the chip declares the motorbike (typed on the
 * on-screen keyboards), books the inspection at the commune police of the residence on the chip (remapped to
 * the current ward), and gets the receipt with the appointment, the place and what to bring (screen and paper,
 * pdftotext). The system down at the start has a sentence and a way forward. What the police system received
 * is read from the mock's own records.
 */
import type { DeclarationRecord } from '../../host/agencies/vehicle-registration/mock';
import { agencyRecords, printedText, setAgencyFaults, tapExact } from './agency-support';
import { expect, expectAxeClean, identifyWithDemoCard, tapKeys, test, chooseService } from './fixtures';

async function fill(page: import('@playwright/test').Page, field: string, keys: string, exact = false) {
  await page.getByTestId(`vehicle-${field}`).click();
  if (exact) await tapExact(page, keys);
  else await tapKeys(page, keys);
}

test('declare a motorbike and book its inspection at the commune police; the police system has the record', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(180_000);
  await page.goto(demoKiosk.url);
  await identifyWithDemoCard(page, 'cccd-2021-with-cmnd');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  await chooseService(page, 7);
  await expect(page.getByTestId('service-note')).toContainText('Công an xã, phường');

  // The police system is down: one sentence, try again, a queue ticket.
  await setAgencyFaults(demoKiosk, 'vehicle-registration', { down: true });
  try {
    await page.getByTestId('start-service').click();
    await expect(page.getByTestId('agency-error')).toHaveAttribute('data-code', 'agency-unreachable');
    await expect(page.getByTestId('agency-error')).toContainText(
      'Hiện chưa kết nối được hệ thống của cơ quan',
    );
    await expect(page.getByTestId('agency-queue')).toBeVisible();
  } finally {
    await setAgencyFaults(demoKiosk, 'vehicle-registration', {});
  }
  await page.getByTestId('agency-retry').click();
  await expect(page.getByTestId('screen-vehicle')).toHaveAttribute('data-step', 'vehicle');
  await expect(page.getByTestId('vehicle-owner')).toHaveText('Nguyễn Thị Hồng Nhung');

  // Nothing typed: the error summary names what is missing; a frame number too short is refused.
  await page.getByTestId('vehicle-continue').click();
  await expect(page.getByTestId('vehicle-errors')).toContainText('Bạn hãy nhập nhãn hiệu');
  await expectAxeClean(page, 'vehicle form with errors');
  await fill(page, 'brand', 'Honda');
  await fill(page, 'model', 'Wave Alpha');
  await fill(page, 'colour', 'Xanh');
  await fill(page, 'frameNumber', 'AB12', true);
  await fill(page, 'engineNumber', 'JC52E0000777', true);
  await page.getByTestId('vehicle-continue').click();
  await expect(page.getByTestId('vehicle-errors')).toContainText('Số khung: Số này phải có từ 5 đến 25');
  await page.getByTestId('vehicle-frameNumber').click();
  await tapExact(page, '5210NY000777');
  await page.getByTestId('vehicle-continue').click();

  await fill(page, 'invoiceNumber', '0000123', true);
  await fill(page, 'invoiceDateText', '20/11/2026', true);
  await fill(page, 'seller', 'Cua hang Mau');
  await page.getByTestId('vehicle-continue').click();

  // The competent unit: the commune police of the ward the chip's old address now belongs to.
  await expect(page.getByTestId('vehicle-unit')).toContainText('Công an Phường Giảng Võ (mô phỏng)');
  const firstSlot = page.getByTestId('vehicle-slots').locator('input[type=radio]').first();
  const slotId = (await firstSlot.getAttribute('data-testid'))!.replace('vehicle-slot-', '');
  await firstSlot.check();
  await page.getByTestId('vehicle-continue').click();
  await expect(page.getByTestId('vehicle-check')).toContainText('AB125210NY000777');
  await page.getByTestId('vehicle-send').click();

  const code = await page.getByTestId('vehicle-code').innerText();
  expect(code).toMatch(/^DKX-\d{6}-\d{4}$/);
  await expect(page.getByTestId('vehicle-place')).toContainText('Công an Phường Giảng Võ (mô phỏng)');
  await expect(page.getByTestId('vehicle-appointment')).toContainText('Buổi sáng');
  await expect(page.getByTestId('vehicle-fee')).toContainText('Cán bộ sẽ thông báo');
  await expect(page.getByTestId('vehicle-bring')).toContainText('Chiếc xe đã kê khai');
  await expectAxeClean(page, 'vehicle receipt');

  // The record as the police system stored it.
  const rec = agencyRecords<DeclarationRecord>(demoKiosk, 'vehicle-registration').find(
    (r) => r.code === code,
  );
  expect(rec).toMatchObject({
    policeUnitCode: 'CAX-00025',
    slotId,
    declaration: {
      owner: { idNumber: '001190012345', fullName: 'Nguyễn Thị Hồng Nhung' },
      vehicle: {
        kind: 'motorbike',
        brand: 'Honda',
        model: 'Wave Alpha',
        colour: 'Xanh',
        frameNumber: 'AB125210NY000777',
        engineNumber: 'JC52E0000777',
        invoice: { number: '0000123', date: '2026-11-20', seller: 'Cua hang Mau' },
      },
    },
  });

  // The paper receipt.
  await page.getByTestId('agency-print').click();
  await expect(page.getByTestId('agency-printed')).toBeVisible();
  const printed = printedText(demoKiosk, code);
  expect(printed).toContain(`Mã hồ sơ ${code}`);
  expect(printed).toContain('Lịch hẹn kiểm tra xe Buổi sáng');
  expect(printed).toContain('Công an Phường Giảng Võ (mô phỏng)');
  expect(printed).toContain('AB125210NY000777 / JC52E0000777');
  expect(printed).toContain('Lệ phí đăng ký xe Cán bộ sẽ thông báo khi kiểm tra xe');
  expect(printed).toContain('Chiếc xe đã kê khai');
  expect(printed).not.toContain('Miễn phí');
  await page.getByTestId('agency-done').click();
  await expect(page.getByTestId('screen-rating').or(page.getByTestId('screen-ending'))).toBeVisible();
});
