/**
 * The exam adapter against its mock in its own process (scripts/agency-mock.ts --agency exam): options,
 * registration stored in the mock's records, idempotency, refusals, the closed window and a system that is down.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AgencyError } from '../errors';
import { startAgencyMock, type StartedAgencyMock } from '../start';
import { HttpExamAdapter } from './http-adapter';
import type { ExamRecord } from './mock';
import { type ExamApplication, ExamWindowClosedError } from './types';

const dir = mkdtempSync(path.join(tmpdir(), 'exam-mock-'));
let mock: StartedAgencyMock;
let exam: HttpExamAdapter;

const pdf = Buffer.from('%PDF-1.4\n% fictional evidence\n%%EOF\n');
/** A fictional candidate (invented name and number). */
const application = (over: Partial<ExamApplication> = {}): ExamApplication => ({
  candidate: {
    fullName: 'Lê Thị Thử Nghiệm',
    idNumber: '079306000123',
    dateOfBirth: '2006-04-02',
    sex: 'Nữ',
    phone: '0912345678',
    email: null,
  },
  candidateKind: 'not-graduated',
  school: { name: 'Trường THPT Mẫu Một', graduationYear: null },
  clusterId: 'H22-02',
  electives: ['vat-li', 'lich-su'],
  priority: {
    category: 'uu-tien-1',
    evidence: [
      {
        name: 'priority-evidence-1.pdf',
        mime: 'application/pdf',
        sha256: createHash('sha256').update(pdf).digest('hex'),
        base64: pdf.toString('base64'),
      },
    ],
  },
  filedAt: new Date().toISOString(),
  ...over,
});

beforeAll(async () => {
  mock = await startAgencyMock({ agency: 'exam', recordsPath: path.join(dir, 'exam.json') });
  exam = new HttpExamAdapter({ baseUrl: mock.url, timeoutMs: 3000 });
});
afterAll(async () => {
  await mock?.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await mock.setFaults({});
});

describe('exam registration adapter (HTTP) against the mock exam system', () => {
  it('lists the window, clusters, subjects and priority categories the system offers', async () => {
    const o = await exam.options();
    expect(o.window.opensOn! <= o.window.closesOn!).toBe(true);
    expect(o.clusters.map((c) => c.id)).toContain('H22-02');
    expect(o.subjects.choose).toBe(2);
    expect(o.subjects.compulsory.map((s) => s.name)).toEqual(['Toán', 'Ngữ văn']);
  });

  it('registers a candidate: the system stores exactly what was sent and gives a registration number', async () => {
    const r = await exam.register(application(), 'kiosk-test:1');
    expect(r.registrationNumber).toMatch(/^TS\d{4}-H22-02-\d{6}$/);
    expect(r.cluster.id).toBe('H22-02');
    expect(r.duplicate).toBe(false);
    const stored = (await mock.records<ExamRecord>()).find(
      (x) => x.registrationNumber === r.registrationNumber,
    )!;
    expect(stored.application.candidate.idNumber).toBe('079306000123');
    expect(stored.application.electives).toEqual(['vat-li', 'lich-su']);
    expect(stored.application.priority).toEqual({
      category: 'uu-tien-1',
      evidence: [{ name: 'priority-evidence-1.pdf', sha256: expect.any(String), size: pdf.length }],
    });
    // The same key again (a retry after a lost answer): the first registration, not a second one.
    const again = await exam.register(application(), 'kiosk-test:1');
    expect(again).toMatchObject({ registrationNumber: r.registrationNumber, duplicate: true });
    expect((await mock.records()).length).toBe(1);
  });

  it('refuses what the system does not accept, with typed errors', async () => {
    const other = { ...application().candidate, idNumber: '079306000999' };
    await expect(
      exam.register(application({ candidate: other, electives: ['vat-li', 'vat-li'] }), 'kiosk-test:2'),
    ).rejects.toMatchObject({ code: 'agency-rejected' });
    await expect(
      exam.register(application({ candidate: other, clusterId: 'NOPE' }), 'kiosk-test:3'),
    ).rejects.toMatchObject({ code: 'agency-not-found' });
    // The same person twice under another key: refused, not registered twice.
    await expect(exam.register(application(), 'kiosk-test:4')).rejects.toMatchObject({
      code: 'agency-rejected',
    });
  });

  it('says the window is closed when the system is outside its registration dates', async () => {
    const w = (await (
      await fetch(`${mock.url}/mock-window`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ opensOn: '2020-01-01', closesOn: '2020-01-31' }),
      })
    ).json()) as { ok: boolean };
    expect(w.ok).toBe(true);
    expect((await exam.options()).window).toMatchObject({ opensOn: '2020-01-01', closesOn: '2020-01-31' });
    const other = { ...application().candidate, idNumber: '079306000888' };
    const err = await exam
      .register(application({ candidate: other }), 'kiosk-test:5')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExamWindowClosedError);
    expect((err as ExamWindowClosedError).code).toBe('exam-window-closed');
  });

  it('a system that is down is reported as unreachable (retryable)', async () => {
    await mock.setFaults({ down: true });
    const err = await exam.options().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgencyError);
    expect((err as AgencyError).retryable).toBe(true);
    expect(['agency-unreachable', 'agency-bad-response']).toContain((err as AgencyError).code);
  });
});
