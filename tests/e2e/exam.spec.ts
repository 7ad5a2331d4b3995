/**
 * Exam registration for free candidates (service 21) through the exam system's mock, in its own process
 * (host/agencies/exam; this kiosk is configured with its URL): a year-12 student is told the school registers
 * them; a free candidate meets the system down and the window closed (a sentence and a way forward each),
 * then registers — the mock's records hold exactly the chip identity and the choices, and the receipt gives
 * the registration number, the place, the subjects and the papers to bring.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { type IsolatedPcscd, startIsolatedPcscd } from '../../host/devices/isolated-pcscd';
import type { ExamRecord } from '../../host/agencies/exam/mock';
import { startAgencyMock, type StartedAgencyMock } from '../../host/agencies/start';
import {
  expectAxeClean,
  demoHostArgs,
  expect,
  fillWithKeyboard,
  identifyWithDemoCard,
  pdfText,
  startHostProcess,
  type StartedKiosk,
  takeCardAndLeave,
  test,
  chooseService,
  declareAndSubmit,
} from './fixtures';
import { stopHost } from '../support/host-process';

const citizen = JSON.parse(
  readFileSync(new URL('../../fixtures/citizens/cccd-2021-with-cmnd.json', import.meta.url), 'utf8'),
) as {
  fullName: string;
  idNumber: string;
};
let pcscd: IsolatedPcscd;
let exam: StartedAgencyMock;
let host: StartedKiosk;

test.beforeAll(async () => {
  exam = await startAgencyMock({
    agency: 'exam',
    recordsPath: path.join(mkdtempSync(path.join(tmpdir(), 'exam-e2e-')), 'exam.json'),
  });
  pcscd = await startIsolatedPcscd();
  host = await startHostProcess(demoHostArgs(pcscd), pcscd.env, { agencies: { urls: { exam: exam.url } } });
});
test.afterAll(async () => {
  await stopHost(host);
  await pcscd.stop();
  await exam.stop();
});

const setWindow = (opensOn: string | null, closesOn: string | null) =>
  fetch(`${exam.url}/mock-window`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ opensOn, closesOn }),
  });

async function openExamService(page: Page): Promise<void> {
  await page.goto(host.kiosk.url);
  await identifyWithDemoCard(page, 'cccd-2021-with-cmnd');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  await page.getByTestId('category-education').or(page.getByTestId('screen-resume')).first().waitFor();
  if (await page.getByTestId('screen-resume').isVisible()) await page.getByTestId('resume-no').click();
  await chooseService(page, 21);
  await expect(page.getByTestId('service-note')).toContainText('thí sinh tự do');
  await page.getByTestId('start-service').click();
}

test('a year-12 student is told the school registers them, with a way on', async ({ page }) => {
  test.setTimeout(90_000);
  await openExamService(page);
  await expect(page.getByTestId('screen-exam-question')).toContainText('Bạn đang học lớp 12 tại trường?');
  await expectAxeClean(page, 'question');
  await page.getByTestId('exam-at-school-yes').click();
  await expect(page.getByTestId('screen-exam-school')).toContainText('Nhà trường sẽ đăng ký dự thi cho bạn');
  await expectAxeClean(page, 'school');
  await page.getByTestId('exam-other-service').click();
  await expect(page.getByTestId('category-education')).toBeVisible();
  expect(await exam.records()).toEqual([]);
  await chooseService(page, 21);
  await page.getByTestId('start-service').click();
  await page.getByTestId('exam-at-school-yes').click();
  await page.getByTestId('exam-finish').click();
  await page.getByTestId('rating-skip').click();
  await takeCardAndLeave(page);
});

test('a free candidate: system down, window closed, then registered with the chip identity', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openExamService(page);

  // The exam system does not answer: a sentence, "try again" keeps the citizen where they were.
  await exam.setFaults({ down: true });
  await page.getByTestId('exam-at-school-no').click();
  await expect(page.getByTestId('exam-error')).toContainText('Hệ thống thi tạm thời không trả lời');
  await expectAxeClean(page, 'failed');
  await exam.setFaults({});

  // Outside the registration dates: the dates and whom to ask; nothing sent.
  await setWindow('2020-01-01', '2020-01-31');
  await page.getByTestId('exam-try-again').click();
  await expect(page.getByTestId('exam-window')).toHaveText(
    'Thời gian đăng ký: từ ngày 01/01/2020 đến ngày 31/01/2020.',
  );
  await expect(page.getByTestId('screen-exam-closed')).toContainText('Sở Giáo dục và Đào tạo');
  await expectAxeClean(page, 'closed');
  await page.screenshot({ path: path.join(tmpdir(), 'kiosk-exam-closed.png') });
  await page.getByTestId('exam-other-service').click();

  // Open again (the mock's own dates): place, subjects, priority — one question per screen.
  const today = new Date(Date.now() + 7 * 3600_000);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  await setWindow(iso(new Date(today.getTime() - 86_400_000)), iso(new Date(today.getTime() + 86_400_000)));
  await chooseService(page, 21);
  await page.getByTestId('start-service').click();
  await page.getByTestId('exam-at-school-no').click();
  await expect(page.getByTestId('screen-exam-place')).toBeVisible();
  await page.screenshot({ path: path.join(tmpdir(), 'kiosk-exam-place.png') });
  await page.getByTestId('exam-continue').click();
  await expect(page.getByTestId('error-summary')).toContainText('Xin chọn một mục');
  await expectAxeClean(page, 'place with error');
  await page.getByTestId('exam-cluster-H22-02').check();
  await page.getByTestId('exam-continue').click();
  await expect(page.getByTestId('screen-exam-subjects')).toContainText('Môn thi bắt buộc: Toán, Ngữ văn.');
  await page.getByTestId('exam-subject-vat-li').check();
  await page.getByTestId('exam-continue').click();
  await expect(page.getByTestId('error-summary')).toContainText('Xin chọn đúng 2 môn');
  await expectAxeClean(page, 'subjects with error');
  await page.getByTestId('exam-subject-lich-su').check();
  await page.getByTestId('exam-continue').click();
  await page.getByTestId('exam-priority-uu-tien-1').check();
  await page.getByTestId('exam-continue').click();

  // The form: the candidate from the card, schooling and contact typed.
  await page.getByTestId('continue').click();
  await page.getByTestId('field-candidateKind').locator('input[type=radio]').first().check();
  await fillWithKeyboard(page, 'schoolName', 'Truwowngf THPT Maaux Mootj');
  await page.getByTestId('continue').click();
  await fillWithKeyboard(page, 'phone', '0912345678');
  await page.getByTestId('continue').click();
  await expect(page.getByTestId('answer-schoolName')).toContainText('Trường THPT Mẫu Một');
  await declareAndSubmit(page);

  // The priority proof: brought to the registration place rather than scanned.
  await page.getByTestId('screen-attachments').waitFor();
  await page.locator('[data-testid^="attach-bring-"]').first().click();
  await page.getByTestId('attachments-continue').click();

  await expect(page.getByTestId('screen-exam-receipt')).toBeVisible({ timeout: 30_000 });
  const number = await page.getByTestId('exam-registration-number').innerText();
  await page.screenshot({ path: path.join(tmpdir(), 'kiosk-exam-receipt.png') });
  expect(number).toMatch(/^TS\d{4}-H22-02-\d{6}$/);
  await expect(page.getByTestId('exam-place')).toContainText('Trường THPT Mẫu Một (mô phỏng)');
  await expect(page.getByTestId('exam-subjects')).toHaveText('Toán, Ngữ văn, Vật lí, Lịch sử');
  await expect(page.getByTestId('exam-to-bring')).toContainText('Giấy tờ chứng nhận diện ưu tiên');
  await expectAxeClean(page, 'receipt');
  // The paper slip (a PDF file in browser mode): the number, the place, the papers; the ID masked.
  await expect(page.getByTestId('exam-print')).toHaveAttribute('data-state', 'file');
  const slip = pdfText(path.join(host.kiosk.dataDir, 'receipts', `${number}.pdf`));
  expect(slip).toContain(`Số đăng ký dự thi ${number}`);
  expect(slip).toContain('Trường THPT Mẫu Một (mô phỏng)');
  expect(slip).toContain('• Giấy tờ chứng nhận diện ưu tiên');
  expect(slip).toContain(`${citizen.idNumber.slice(0, 4)}******${citizen.idNumber.slice(-2)}`);
  expect(slip).not.toContain(citizen.idNumber);
  expect(slip).not.toContain(citizen.fullName);

  // The exam system holds exactly this: the chip's identity, never typed text, and the choices.
  const records = await exam.records<ExamRecord>();
  expect(records).toHaveLength(1);
  const r = records[0]!;
  expect(r.registrationNumber).toBe(number);
  expect(r.application).toMatchObject({
    candidate: { fullName: citizen.fullName, idNumber: citizen.idNumber, phone: '0912345678' },
    candidateKind: 'not-graduated',
    school: { name: 'Trường THPT Mẫu Một', graduationYear: null },
    clusterId: 'H22-02',
    electives: ['vat-li', 'lich-su'],
    priority: { category: 'uu-tien-1', evidence: [] },
  });
  await page.getByTestId('finish').click();
  await page.getByTestId('rating-skip').click();
  await takeCardAndLeave(page);
});

test('choices made while browsing, before the card, are kept through identification', async ({ page }) => {
  test.setTimeout(120_000);
  const other = JSON.parse(
    readFileSync(new URL('../../fixtures/citizens/cccd-2021-no-cmnd.json', import.meta.url), 'utf8'),
  ) as { idNumber: string };
  await page.goto(host.kiosk.url);
  await page.getByTestId('browse-services').click();
  await chooseService(page, 21);
  await page.getByTestId('start-service').click();
  await page.getByTestId('exam-at-school-no').click();
  await page.getByTestId('exam-cluster-H22-01').check();
  await page.getByTestId('exam-continue').click();
  await page.getByTestId('exam-subject-tin-hoc').check();
  await page.getByTestId('exam-subject-ngoai-ngu').check();
  await page.getByTestId('exam-continue').click();
  await page.getByTestId('exam-priority-none').check();
  await page.getByTestId('exam-continue').click();

  // Only now the card: consent, the card's QR and chip, "Is this you?".
  await identifyWithDemoCard(page, 'cccd-2021-no-cmnd', [], { fromConsent: true });
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  await page.getByTestId('start-service').or(page.getByTestId('screen-resume')).first().waitFor();
  if (await page.getByTestId('screen-resume').isVisible()) await page.getByTestId('resume-no').click();
  await page.getByTestId('start-service').click();

  // Straight to the form: the question and the choices are not asked again; no priority, no papers step.
  await expect(page.getByTestId('step-about-you')).toBeVisible();
  await page.getByTestId('continue').click();
  await page.getByTestId('field-candidateKind').locator('input[type=radio]').first().check();
  await fillWithKeyboard(page, 'schoolName', 'Truwowngf THPT Maaux Hai');
  await page.getByTestId('continue').click();
  await fillWithKeyboard(page, 'phone', '0912345679');
  await page.getByTestId('continue').click();
  await declareAndSubmit(page);
  await expect(page.getByTestId('screen-exam-receipt')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('exam-to-bring')).toHaveText(
    'Không cần mang thêm giấy tờ. Nhớ mang thẻ Căn cước khi đi thi.',
  );
  const number = await page.getByTestId('exam-registration-number').innerText();
  const r = (await exam.records<ExamRecord>()).find((x) => x.registrationNumber === number)!;
  expect(r.application).toMatchObject({
    candidate: { idNumber: other.idNumber },
    clusterId: 'H22-01',
    electives: ['tin-hoc', 'ngoai-ngu'],
    priority: { category: null, evidence: [] },
  });
  await page.getByTestId('finish').click();
  await page.getByTestId('rating-skip').click();
  await takeCardAndLeave(page);
});
