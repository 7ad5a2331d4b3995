/**
 * A new electricity connection (service 24) through EVN's customer-service mock in its own process
 * (host/agencies/evn; this kiosk is configured with its URL): EVN down → a sentence and a way forward (try
 * again keeps the answers); then the request reaches EVN — the mock's records hold the chip identity and the
 * form — and the receipt shows EVN's request number, the cost as unknown and the papers to bring.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type IsolatedPcscd, startIsolatedPcscd } from '../../host/devices/isolated-pcscd';
import type { AgencyFormsRecord } from '../../host/agencies/forms/mock';
import { startAgencyMock, type StartedAgencyMock } from '../../host/agencies/start';
import {
  chooseService,
  declareAndSubmit,
  demoHostArgs,
  expect,
  fillWithKeyboard,
  identifyWithDemoCard,
  startHostProcess,
  type StartedKiosk,
  takeCardAndLeave,
  test,
} from './fixtures';
import { stopHost } from '../support/host-process';

const citizen = JSON.parse(
  readFileSync(new URL('../../fixtures/citizens/cccd-2021-with-cmnd.json', import.meta.url), 'utf8'),
) as { fullName: string; idNumber: string };
let pcscd: IsolatedPcscd;
let evn: StartedAgencyMock;
let host: StartedKiosk;

test.beforeAll(async () => {
  evn = await startAgencyMock({
    agency: 'evn',
    recordsPath: path.join(mkdtempSync(path.join(tmpdir(), 'evn-e2e-')), 'evn.json'),
  });
  pcscd = await startIsolatedPcscd();
  host = await startHostProcess(demoHostArgs(pcscd), pcscd.env, { agencies: { urls: { evn: evn.url } } });
});
test.afterAll(async () => {
  await stopHost(host);
  await pcscd.stop();
  await evn.stop();
});

test('a new connection: EVN down, then the request reaches EVN and its number is on the receipt', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(host.kiosk.url);
  await identifyWithDemoCard(page, 'cccd-2021-with-cmnd');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  await page.getByTestId('category-utilities').or(page.getByTestId('screen-resume')).first().waitFor();
  if (await page.getByTestId('screen-resume').isVisible()) await page.getByTestId('resume-no').click();
  await chooseService(page, 24);
  await expect(page.getByTestId('service-note')).toContainText('Điện lực (EVN)');
  await page.getByTestId('start-service').click();

  // The form as usual: the kind, the applicant from the card, the supply address, a phone.
  // The request kind is the service's (catalogue preset): not asked.
  if (await page.getByTestId('field-requestKind').isVisible()) throw new Error('requestKind asked');
  await expect(page.getByTestId('prefilled-fullName')).toContainText(citizen.fullName, { timeout: 10_000 });
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('field-purpose')).toBeVisible({ timeout: 10_000 });
  // The supply address is suggested from the card; the citizen confirms the ward.
  const address = page.getByTestId('field-supplyAddress');
  const chosen = page.getByTestId('commune-picker-supplyAddress');
  await chosen.or(page.getByTestId('commune-search-supplyAddress')).first().waitFor();
  if (await chosen.isVisible()) await chosen.click(); // "Đổi"
  await address.getByTestId('commune-show-all-supplyAddress').click();
  await address.getByTestId('commune-option').nth(1).click();
  await expect(chosen).toBeVisible();
  await page.getByTestId('field-purpose').locator('input[type=radio]').first().check();
  await page.getByTestId('continue').click();
  await expect(page.locator('[data-field="phone"]')).toBeVisible({ timeout: 10_000 });
  await fillWithKeyboard(page, 'phone', '0912345678');
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('answer-fullName')).toContainText(citizen.fullName);

  // EVN does not answer: a sentence and a way forward; nothing recorded.
  await evn.setFaults({ down: true });
  await declareAndSubmit(page);
  await expect(page.getByTestId('screen-submit-failed')).toContainText(
    'Hệ thống tiếp nhận tạm thời không trả lời',
    { timeout: 30_000 },
  );
  await expect(page.getByTestId('screen-submit-failed')).toContainText('thử lại');
  expect(await evn.records()).toEqual([]);

  // Back up: try again sends the same answers.
  await evn.setFaults({});
  await page.getByTestId('screen-submit-failed').getByRole('button', { name: 'Thử lại' }).click();
  await expect(page.getByTestId('screen-agency-forms-receipt')).toBeVisible({ timeout: 30_000 });
  const number = await page.getByTestId('agency-reference').innerText();
  expect(number).toMatch(/^YCCD\d{8}-00001$/);
  await expect(page.getByTestId('agency-forms-fee')).toHaveText('Chưa rõ. Nơi tiếp nhận sẽ báo cho bạn.');
  await expect(page.getByTestId('agency-forms-to-bring')).toContainText('Giấy tờ chứng minh quyền sử dụng');
  await expect(page.getByTestId('agency-forms-print')).toHaveAttribute('data-state', 'file');
  await page.screenshot({ path: path.join(tmpdir(), 'kiosk-evn-receipt.png') });

  // EVN holds exactly this request: the chip's identity and the form.
  const records = await evn.records<AgencyFormsRecord>();
  expect(records).toHaveLength(1);
  expect(records[0]!.reference).toBe(number);
  expect(records[0]!.request).toMatchObject({
    serviceId: 'new-electricity-connection',
    applicant: { fullName: citizen.fullName, idNumber: citizen.idNumber },
    form: { id: 'evn-request', answers: { requestKind: 'cap-dien-moi', phone: '0912345678' } },
  });
  await page.getByTestId('finish').click();
  await page.getByTestId('rating-skip').click();
  await takeCardAndLeave(page);
});
