/**
 * Several dossiers in one visit, each charged for its own request kind, and the linked service 16 filed
 * complete: checked in the mock portal's own database (its SQLite file), not in the kiosk's answers.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from '@playwright/test';
import { QRPay } from 'vietnam-qr-pay';
import {
  chooseService,
  declareAndSubmit,
  expect,
  expectAxeClean,
  fillWithKeyboard,
  identifyWithDemoCard,
  passAttachmentsIfAsked,
  takeCardAndLeave,
  tapKeys,
  test,
} from './fixtures';

/** `<receiving agency>-YYMMDD-XXXX`: the agency differs by procedure (police, People's Committee, …). */
const DOSSIER_CODE = /^[0-9A-Z]{2,3}(\.[0-9A-Z]{2,3}){2,4}-\d{6}-\d{4}$/;

test.describe.configure({ mode: 'serial' });

/** The VietQR on screen, decoded as a banking app would: its amount. */
async function payAndReadVietQr(page: Page): Promise<string> {
  await page.getByTestId('pay-now').click();
  const src = (await page.getByTestId('vietqr').getAttribute('src'))!;
  const png = PNG.sync.read(Buffer.from(src.split(',')[1]!, 'base64'));
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  const qr = new QRPay(decoded!.data);
  expect(qr.isValid).toBe(true);
  await page.getByTestId('demo-bank').click();
  await expect(page.getByTestId('payment-paid')).toBeVisible({ timeout: 15_000 });
  return qr.amount ?? '';
}

/** Service 2 with one request kind, up to the receipt (no exemption declared). */
async function idCard(page: Page, kind: 'cap-doi' | 'cap-lai'): Promise<void> {
  await chooseService(page, 2);
  // The fee box: each case's line once (đổi 25,000 / cấp lại 35,000), never their sum.
  await expect(page.getByTestId('service-fee')).toContainText('25.000');
  await expect(page.getByTestId('service-fee')).toContainText('35.000');
  await expect(page.getByTestId('service-fee')).not.toContainText('60.000');
  await page.getByTestId('start-service').click();
  // Service 2 files đổi or cấp lại only: the CMND confirmation of the shared DC02 is not offered.
  const kinds = page.getByTestId('field-requestKind').locator('input[type=radio]');
  await expect(kinds).toHaveCount(2);
  await page.getByTestId('field-requestKind').locator(`input[value="${kind}"]`).check();
  await page.getByTestId('continue').click();
  await page.getByTestId('continue').click(); // name, date of birth, sex, ID from the card
  await fillWithKeyboard(page, 'phone', '0912345678');
  await page.getByTestId('continue').click();
  await declareAndSubmit(page);
  // The card cannot tell these exemptions: one question, with the fee this dossier owes.
  await expect(page.getByTestId('screen-exemption')).toBeVisible();
  await expect(page.getByTestId('dossier-fee')).toContainText(kind === 'cap-doi' ? '25.000' : '35.000');
  await page.getByTestId('exemption-submit').click();
  await expect(page.getByTestId('error-summary')).toBeVisible();
  await expectAxeClean(page, `exemption question (${kind})`);
  await page.getByTestId('exemption-none').check();
  await page.getByTestId('exemption-submit').click();
  await passAttachmentsIfAsked(page);
  await expect(page.getByTestId('dossier-code')).toHaveText(DOSSIER_CODE, {
    timeout: 20_000,
  });
}

test('one visit: two ID-card dossiers (cấp lại 35,000, đổi 25,000) and the joint death service complete', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(300_000);
  await page.goto(demoKiosk.url);
  await identifyWithDemoCard(page, 'cccd-2021-with-cmnd');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });

  // 1. A lost card: 1.014064, 35,000 đ.
  await idCard(page, 'cap-lai');
  await expect(page.getByTestId('screen-receipt')).toContainText('1.014064');
  await expectAxeClean(page, 'receipt with "another dossier"');
  expect(await payAndReadVietQr(page)).toBe('35000');
  const first = await page.getByTestId('dossier-code').innerText();

  // 2. Another dossier in the same visit, no new tap: a card change, 1.014063, 25,000 đ.
  await page.getByTestId('another-dossier').click();
  await idCard(page, 'cap-doi');
  await expect(page.getByTestId('screen-receipt')).toContainText('1.014063');
  expect(await payAndReadVietQr(page)).toBe('25000');
  const second = await page.getByTestId('dossier-code').innerText();
  expect(second).not.toBe(first);

  // 3. The joint death service (16): every component reaches the portal, each on the receipt.
  await page.getByTestId('another-dossier').click();
  await chooseService(page, 16);
  await page.getByTestId('start-service').click();
  await page.getByTestId('field-requesterRelation').getByText('Con', { exact: true }).click();
  await page.getByTestId('continue').click();
  await fillWithKeyboard(page, 'deceasedName', 'Nguyeenx Vawn Ba');
  const deceased = await page.locator('[data-field="deceasedName"]').inputValue();
  await fillWithKeyboard(page, 'deceasedDateOfBirth__d', '1');
  await fillWithKeyboard(page, 'deceasedDateOfBirth__m', '2');
  await fillWithKeyboard(page, 'deceasedDateOfBirth__y', '1940');
  await page.getByTestId('field-deceasedSex').getByText('Nam', { exact: true }).click();
  await page.getByTestId('continue').click();
  await fillWithKeyboard(page, 'deceasedEthnicity', 'Kinh');
  await fillWithKeyboard(page, 'deceasedNationality', 'Vieet Nam');
  // The last residence is a two-level address: province, then the commune found by typing without accents.
  await page.locator('[data-testid="province-option"][data-code="01"]').click();
  await fillWithKeyboard(page, 'deceasedLastResidence__q', 'giang vo');
  await page.getByTestId('commune-option').first().click();
  await tapKeys(page, 'So 5');
  await page.getByTestId('continue').click();
  const d = new Date(Date.now() - 3 * 86_400_000);
  await fillWithKeyboard(page, 'dateOfDeath__d', String(d.getUTCDate()));
  await fillWithKeyboard(page, 'dateOfDeath__m', String(d.getUTCMonth() + 1));
  await fillWithKeyboard(page, 'dateOfDeath__y', String(d.getUTCFullYear()));
  await fillWithKeyboard(page, 'placeOfDeath', 'Ha Noi');
  await fillWithKeyboard(page, 'causeOfDeath', 'Benh gia');
  await page.getByTestId('continue').click();
  await fillWithKeyboard(page, 'deathNoticeNumber', '12');
  await fillWithKeyboard(page, 'deathNoticeIssuer', 'Benh vien');
  await fillWithKeyboard(page, 'deathNoticeDate__d', String(d.getUTCDate()));
  await fillWithKeyboard(page, 'deathNoticeDate__m', String(d.getUTCMonth() + 1));
  await fillWithKeyboard(page, 'deathNoticeDate__y', String(d.getUTCFullYear()));
  await page.getByTestId('continue').click();
  await page.getByTestId('field-wantCopies').getByText('Không', { exact: true }).click();
  await page.getByTestId('continue').click();
  await declareAndSubmit(page);
  // CT01 for the residence removal describes the deceased: carried from the death declaration, not from
  // the card of the person filing; the ID number was not given, so it is typed.
  await expect(page.locator('[data-field="fullName"]')).toHaveValue(deceased);
  await expect(page.locator('[data-field="fullName"]')).not.toHaveValue('Nguyễn Thị Hồng Nhung');
  await fillWithKeyboard(page, 'idNumber', '001040012345');
  await page.getByTestId('continue').click();
  await fillWithKeyboard(page, 'phone', '0912345678');
  await page.getByTestId('continue').click();
  // The deceased was the household head: nothing of this form comes from the filer's card, so it is typed.
  await page.getByTestId('field-isHead').getByText('Có', { exact: true }).click();
  await fillWithKeyboard(page, 'headName', 'Nguyeenx Vawn Ba');
  await fillWithKeyboard(page, 'headIdNumber', '001040012345');
  await page.getByTestId('continue').click();
  // Its request kind is the service's, not asked; the residence removed is the deceased's last one (carried).
  await expect(page.getByTestId('field-requestKind')).toHaveCount(0);
  await expect(page.locator('#f-residenceAddress-communeCode')).toHaveAttribute('data-value', '00025');
  await page.getByTestId('continue').click();
  await page.getByTestId('field-hasMembers').getByText('Không', { exact: true }).click();
  await page.getByTestId('continue').click();
  await page.getByTestId('field-ownerIsSelf').getByText('Có', { exact: true }).click();
  await page.getByTestId('continue').click();
  await declareAndSubmit(page);
  await passAttachmentsIfAsked(page);
  await expect(page.getByTestId('dossier-code')).toHaveText(DOSSIER_CODE, {
    timeout: 20_000,
  });
  await expect(page.getByTestId('screen-receipt')).toContainText('1.000656');
  const linked = page.getByTestId('linked-dossiers');
  await expect(linked).toContainText('1.003197');
  await expect(linked).toContainText('2.000821');
  await expect(linked.locator('strong')).toHaveText([DOSSIER_CODE, DOSSIER_CODE], {
    timeout: 20_000,
  });
  await page.getByTestId('finish').click();
  await page.getByTestId('rating-skip').click();
  await takeCardAndLeave(page);

  // The portal's own records: both ID-card dossiers with their own fee, and the three components of 16.
  // Demo mode keeps the mock system's data outside the kiosk's data folder (`<dataDir>-mock-portal`).
  const db = new Database(path.join(`${demoKiosk.dataDir}-mock-portal`, 'mock-portal.db'), {
    readonly: true,
  });
  try {
    const rows = db
      .prepare('SELECT code, procedure_code AS procedureCode, fee_vnd AS feeVnd, paid FROM hoso')
      .all() as { code: string; procedureCode: string; feeVnd: number; paid: number }[];
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get(first)).toMatchObject({ procedureCode: '1.014064', feeVnd: 35000, paid: 1 });
    expect(byCode.get(second)).toMatchObject({ procedureCode: '1.014063', feeVnd: 25000, paid: 1 });
    for (const code of ['1.000656', '1.003197', '2.000821'])
      expect(
        rows.filter((r) => r.procedureCode === code),
        code,
      ).toHaveLength(1);
    // The residence removed is the deceased's (CT01 items 1–4), not that of the person filing.
    const removal = db.prepare("SELECT body FROM hoso WHERE procedure_code = '1.003197'").get() as {
      body: string;
    };
    const wire = JSON.parse(removal.body) as { DuLieuBieuMau: { ct01: Record<string, unknown> } };
    expect(wire.DuLieuBieuMau.ct01).toMatchObject({
      fullName: deceased,
      idNumber: '001040012345',
      requestKind: 'xoa-thuong-tru',
    });
  } finally {
    db.close();
  }
});

test('over 60: the card proves the exemption, nothing is asked, nothing is charged', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(180_000);
  await page.goto(demoKiosk.url);
  await identifyWithDemoCard(page, 'over-60');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  await chooseService(page, 2);
  await expect(page.getByTestId('service-fee')).toContainText('Người cao tuổi');
  await page.getByTestId('start-service').click();
  await page.getByTestId('field-requestKind').locator('input[value="cap-lai"]').check();
  await page.getByTestId('continue').click();
  await page.getByTestId('continue').click();
  await fillWithKeyboard(page, 'phone', '0912000111');
  await page.getByTestId('continue').click();
  await declareAndSubmit(page);
  await passAttachmentsIfAsked(page);
  await expect(page.getByTestId('dossier-code')).toHaveText(DOSSIER_CODE, {
    timeout: 20_000,
  });
  await expect(page.getByTestId('screen-exemption')).toHaveCount(0);
  await expect(page.getByTestId('receipt-fee')).toHaveText('Miễn phí');
  await expect(page.getByTestId('pay-now')).toHaveCount(0);
  const code = await page.getByTestId('dossier-code').innerText();
  await page.getByTestId('finish').click();
  // Demo mode keeps the mock system's data outside the kiosk's data folder (`<dataDir>-mock-portal`).
  const db = new Database(path.join(`${demoKiosk.dataDir}-mock-portal`, 'mock-portal.db'), {
    readonly: true,
  });
  try {
    expect(db.prepare('SELECT procedure_code AS c, fee_vnd AS f FROM hoso WHERE code = ?').get(code)).toEqual(
      {
        c: '1.014064',
        f: 0,
      },
    );
  } finally {
    db.close();
  }
});
