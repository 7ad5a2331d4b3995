/**
 * The forms-agency adapter against the EVN and employment-centre mocks in their own processes
 * (scripts/agency-mock.ts): a request kept in the mock's records with its number, idempotency, refusals of a
 * request that does not match the service, and a system that is down.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AgencyError } from '../errors';
import { HttpFormsAgencyAdapter } from '../forms/http-adapter';
import type { AgencyFormsRecord } from '../forms/mock';
import type { AgencyFormsRequest } from '../forms/types';
import { startAgencyMock, type StartedAgencyMock } from '../start';

const dir = mkdtempSync(path.join(tmpdir(), 'evn-mock-'));
let evn: StartedAgencyMock;
let employment: StartedAgencyMock;

/** A fictional applicant (invented name and number). */
const request = (over: Partial<AgencyFormsRequest> = {}): AgencyFormsRequest => ({
  serviceId: 'new-electricity-connection',
  applicant: { fullName: 'Trần Văn Thử', idNumber: '001099000321', dateOfBirth: '1980-03-04' },
  form: {
    id: 'evn-request',
    version: 'evn-2026',
    answers: { requestKind: 'cap-dien-moi', fullName: 'Trần Văn Thử', phone: '0912345678' },
  },
  filedAt: '2026-12-01T01:00:00.000Z',
  ...over,
});

beforeAll(async () => {
  [evn, employment] = await Promise.all([
    startAgencyMock({ agency: 'evn', recordsPath: path.join(dir, 'evn.json') }),
    startAgencyMock({ agency: 'employment', recordsPath: path.join(dir, 'employment.json') }),
  ]);
});
afterAll(async () => {
  await Promise.all([evn?.stop(), employment?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await evn.setFaults({ down: false, errorRate: 0 });
});

describe('EVN (services 24, 25)', () => {
  it('takes a new-connection request, keeps it in its records and answers its number', async () => {
    const a = new HttpFormsAgencyAdapter({ baseUrl: evn.url });
    const r = await a.submit(request(), 'kiosk:evn-test-0001');
    expect(r.reference).toMatch(/^YCCD\d{8}-00001$/);
    expect(r.duplicate).toBe(false);
    const recs = await evn.records<AgencyFormsRecord>();
    expect(recs).toHaveLength(1);
    expect(recs[0]!.reference).toBe(r.reference);
    expect(recs[0]!.request.applicant.idNumber).toBe('001099000321');
    expect(recs[0]!.request.form.answers.requestKind).toBe('cap-dien-moi');
    // The same key again: the first request, not a second one.
    const again = await a.submit(request(), 'kiosk:evn-test-0001');
    expect([again.reference, again.duplicate]).toEqual([r.reference, true]);
    expect(await evn.records()).toHaveLength(1);
  });

  it('a change of holder needs a customer code; a kind that does not match the service is refused', async () => {
    const a = new HttpFormsAgencyAdapter({ baseUrl: evn.url });
    const change = (answers: Record<string, unknown>) =>
      request({
        serviceId: 'electricity-contract-holder-change',
        form: { id: 'evn-request', version: 'evn-2026', answers },
      });
    await expect(
      a.submit(change({ requestKind: 'doi-chu-hop-dong' }), 'kiosk:evn-test-0002'),
    ).rejects.toMatchObject({
      code: 'agency-rejected',
    });
    await expect(
      a.submit(change({ requestKind: 'cap-dien-moi' }), 'kiosk:evn-test-0003'),
    ).rejects.toMatchObject({
      code: 'agency-rejected',
    });
    const ok = await a.submit(
      change({ requestKind: 'doi-chu-hop-dong', customerCode: 'PA01234567890' }),
      'kiosk:evn-test-0004',
    );
    expect(ok.reference).toMatch(/^YCHD\d{8}-\d{5}$/);
  });

  it('down: a retryable AgencyError, nothing recorded', async () => {
    const before = (await evn.records()).length;
    await evn.setFaults({ down: true });
    const a = new HttpFormsAgencyAdapter({ baseUrl: evn.url, timeoutMs: 3000 });
    const e = await a.submit(request(), 'kiosk:evn-test-0005').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AgencyError);
    expect((e as AgencyError).retryable).toBe(true);
    await evn.setFaults({ down: false });
    expect(await evn.records()).toHaveLength(before);
  });
});

describe('employment service centre (service 23)', () => {
  it('takes the claim form and answers its receipt number; refuses another service', async () => {
    const a = new HttpFormsAgencyAdapter({ baseUrl: employment.url });
    const claim = request({
      serviceId: 'unemployment-benefit',
      form: { id: 'unemployment-03', version: 'tt15-2023', answers: { phone: '0912345678' } },
    });
    const r = await a.submit(claim, 'kiosk:emp-test-0001');
    expect(r.reference).toMatch(/^TCTN\d{8}-00001$/);
    const recs = await employment.records<AgencyFormsRecord>();
    expect(recs.map((x) => x.request.serviceId)).toEqual(['unemployment-benefit']);
    await expect(a.submit(request(), 'kiosk:emp-test-0002')).rejects.toMatchObject({
      code: 'agency-rejected',
    });
  });
});
