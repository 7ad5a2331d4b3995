/**
 * Seals (services 13 and 14) for an organisation's representative, through the portal dossier path: the
 * representative from the chip, the organisation typed, the founding papers missing at first (the error
 * summary names them), then brought to the counter; the mock provincial system stores the dossier under the
 * right procedure and agency, and the printed confirmation names the papers to bring. With the system down
 * (14) the citizen leaves with a queued receipt that says the same.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import {
  bringAllToCounter,
  expect,
  fillWithKeyboard,
  identifyWithDemoCard,
  pdfText,
  takeCardAndLeave,
  test,
  chooseService,
  declareAndSubmit,
} from './fixtures';

interface StoredDossier {
  MaHoSo: string;
  MaTTHC: string;
  DonViXuLy: string;
  SoGiayToChuHoSo: string;
  GiayToNopTaiQuay: { MaThanhPhanHoSo: string; TenGiayTo: string }[];
  DuLieuBieuMau: Record<string, Record<string, unknown>>;
  TongLePhi: number | null;
}

/** Identified, the service's page (its note checked), started, and the representative's and organisation's steps answered. */
async function startService(page: Page, url: string, number: number, note: string): Promise<void> {
  await page.goto(url);
  await identifyWithDemoCard(page, 'cccd-2021-with-cmnd');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  const services = page.getByTestId('category-business');
  await services.or(page.getByTestId('screen-resume')).first().waitFor();
  if (await page.getByTestId('screen-resume').isVisible()) await page.getByTestId('resume-no').click();
  await chooseService(page, number);
  await expect(page.getByTestId('service-note')).toContainText(note);
  await page.getByTestId('start-service').click();
  await answerOrganisation(page);
}

/** The representative's and the organisation's steps (both services), up to the seal step or contact. */
async function answerOrganisation(page: Page): Promise<void> {
  // Name and ID come from the card; the position is typed (Telex).
  await fillWithKeyboard(page, 'position', 'Giams ddoocs');
  await page.getByTestId('continue').click();
  await fillWithKeyboard(page, 'orgName', 'Coong ty Maaux');
  await fillWithKeyboard(page, 'orgCode', '0101234567');
  // the address pickers: the first province, then its whole commune list, the first commune
  const address = page.getByTestId('field-orgAddress');
  await address.getByTestId('province-option').first().click();
  await address.getByTestId('commune-show-all-orgAddress').click();
  await address.getByTestId('commune-option').first().click();
  await fillWithKeyboard(page, 'orgAddress.detail', 'so 1');
  await page.getByTestId('continue').click();
}

async function stored(request: import('@playwright/test').APIRequestContext, portal: string, code: string) {
  const all = (await (await request.get(`${portal}/admin/dossiers`)).json()) as { dossiers: StoredDossier[] };
  return all.dossiers.find((d) => d.MaHoSo === code)!;
}

test('13 new seal: the representative files for the organisation; missing founding papers are named, then brought', async ({
  page,
  demoKiosk,
  request,
}) => {
  test.setTimeout(150_000);
  await startService(page, demoKiosk.url, 13, 'Cục Cảnh sát quản lý hành chính');
  // 13 is a new seal: the seal step is set by the service, not asked.
  await fillWithKeyboard(page, 'phone', '0912345678');
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('answer-orgName')).toContainText('Công ty Mẫu');
  await expect(page.getByTestId('answer-position')).toContainText('Giám đốc');
  await declareAndSubmit(page);

  // Going on with neither paper: refused, and the summary names the founding decision.
  await expect(page.getByTestId('screen-attachments')).toBeVisible();
  await page.locator('[data-testid^="attach-bring-"]').first().waitFor();
  await page.getByTestId('attachments-continue').click();
  await expect(page.getByTestId('error-summary')).toContainText('Quyết định thành lập');
  await bringAllToCounter(page);

  await expect(page.getByTestId('screen-receipt')).toHaveAttribute('data-state', 'delivered', {
    timeout: 30_000,
  });
  const code = await page.getByTestId('dossier-code').innerText();
  const d = await stored(request, demoKiosk.mockPortal!, code);
  expect(d.MaTTHC).toBe('2.001403');
  expect(d.DonViXuLy).toBe('000.00.99.H22');
  expect(d.GiayToNopTaiQuay.map((g) => g.MaThanhPhanHoSo).sort()).toEqual(['founding', 'introduction']);
  expect(d.DuLieuBieuMau['seal-request']).toMatchObject({
    orgName: 'Công ty Mẫu',
    orgCode: '0101234567',
    position: 'Giám đốc',
    requestKind: 'new',
    sealKind: 'main',
  });
  // No source gives the fee: the system bills nothing (unknown, not 0) and screen and paper both say staff will tell.
  expect(d.TongLePhi).toBeNull();
  await expect(page.getByTestId('receipt-fee')).toHaveText('Cán bộ sẽ thông báo');
  await expect(page.getByTestId('receipt-print')).toHaveAttribute('data-state', 'done');
  const text = pdfText(path.join(demoKiosk.dataDir, 'receipts', `${code}.pdf`));
  expect(text).toContain('Phí, lệ phí Cán bộ sẽ thông báo');
  expect(text).not.toMatch(/Miễn phí|0 đồng/);
  expect(text).toContain('Quyết định thành lập, giấy phép hoạt động hoặc giấy đăng ký hoạt động của tổ chức');
  expect(text).toContain('Giấy giới thiệu hoặc giấy ủy quyền cho người đi nộp');
  await page.getByTestId('finish').click();
  await page.getByTestId('rating-skip').click();
  await takeCardAndLeave(page);
});

test('14 re-registration of a lost embossed seal; with the system down the receipt is queued and names the papers', async ({
  page,
  demoKiosk,
  request,
}) => {
  test.setTimeout(180_000);
  await startService(page, demoKiosk.url, 14, 'dấu thu nhỏ, dấu nổi, dấu xi lần đầu');
  // 14 is a re-registration: the kind of seal and the reason are asked.
  await page.getByTestId('field-sealKind').getByText('Dấu nổi', { exact: true }).click();
  await page.getByTestId('field-reason').getByText('Bị mất con dấu', { exact: true }).click();
  await page.getByTestId('continue').click();
  await fillWithKeyboard(page, 'phone', '0912345678');
  await page.getByTestId('continue').click();
  await declareAndSubmit(page);
  await request.post(`${demoKiosk.mockPortal}/admin/faults`, { data: { down: true } });
  try {
    await bringAllToCounter(page);
    await expect(page.getByTestId('screen-receipt')).toHaveAttribute('data-state', 'queued', {
      timeout: 30_000,
    });
    await expect(page.getByTestId('receipt-print')).toHaveAttribute('data-state', 'done');
    const localRef = await page.getByTestId('local-ref').innerText();
    const text = pdfText(path.join(demoKiosk.dataDir, 'receipts', `${localRef}.pdf`));
    expect(text).toContain('Văn bản đề nghị đăng ký lại mẫu con dấu');
  } finally {
    await request.post(`${demoKiosk.mockPortal}/admin/faults`, { data: { down: false } });
  }
  // Delivered later by the outbox: the system has it under the provincial re-registration code.
  await expect(page.getByTestId('screen-receipt')).toHaveAttribute('data-state', 'delivered', {
    timeout: 90_000,
  });
  const code = await page.getByTestId('dossier-code').innerText();
  const d = await stored(request, demoKiosk.mockPortal!, code);
  expect(d.MaTTHC).toBe('2.001410');
  expect(d.DonViXuLy).toBe('000.00.15.H22');
  expect(d.DuLieuBieuMau['seal-request']).toMatchObject({
    requestKind: 're-register',
    sealKind: 'embossed',
    reason: 'lost',
  });
  expect(d.GiayToNopTaiQuay.map((g) => g.MaThanhPhanHoSo)).toEqual(['request-letter']);
  await page.getByTestId('finish').click();
  await page.getByTestId('rating-skip').click();
  await takeCardAndLeave(page);
});
