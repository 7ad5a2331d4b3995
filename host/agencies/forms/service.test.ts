/** AgencyFormsService: the applicant from the chip, answers re-validated, agency errors as sentences' codes. */
import { describe, expect, it } from 'vitest';
import type { Identity } from '../../../common/identity';
import { SessionManager } from '../../session/session-manager';
import { AgencyError } from '../errors';
import { AgencyFormsService } from './service';
import type { AgencyFormsRequest, FormsAgencyAdapter } from './types';

/** A fictional applicant. */
const identity = {
  idNumber: '001190012345',
  fullName: 'Nguyễn Thị Hồng Nhung',
  dateOfBirth: '1990-03-15',
  sex: 'female',
  placeOfResidence: null,
} as unknown as Identity;

class FakeAgency implements FormsAgencyAdapter {
  sent: { request: AgencyFormsRequest; key: string }[] = [];
  failWith: Error | null = null;
  async submit(request: AgencyFormsRequest, key: string) {
    if (this.failWith) throw this.failWith;
    this.sent.push({ request, key });
    return { reference: 'YCCD20261201-00001', receivedAt: '2026-12-01T01:00:00.000Z', duplicate: false };
  }
}

function setup(configured = true) {
  const sessions = new SessionManager();
  const s = sessions.start('vi');
  s.personal.set('identity', identity);
  s.personal.set('decision', 'accept');
  const agency = new FakeAgency();
  const asked: string[] = [];
  const service = new AgencyFormsService({
    adapter: (name) => (asked.push(name), configured ? agency : null),
    sessions,
    now: () => Date.parse('2026-12-01T01:00:00.000Z'),
  });
  return { agency, service, asked };
}

const evnForms = (answers: Record<string, unknown> = {}) => [
  {
    formId: 'evn-request',
    version: 'evn-2026',
    answers: {
      requestKind: 'cap-dien-moi',
      fullName: 'Typed Name',
      dateOfBirth: '1990-03-15',
      sex: 'female',
      idNumber: '001190012345',
      supplyAddress: { provinceCode: '01', communeCode: '00004', detail: 'Số 1 Ngõ Thử' },
      purpose: 'sinh-hoat',
      phone: '0912345678',
      ...answers,
    },
  },
];

describe('AgencyFormsService', () => {
  it('sends the chip identity and the answers to EVN, and returns its number and the papers to bring', async () => {
    const { agency, service, asked } = setup();
    const r = await service.submit({ serviceId: 'new-electricity-connection', forms: evnForms() });
    expect(asked).toEqual(['evn']);
    expect(r).toMatchObject({ agency: 'evn', reference: 'YCCD20261201-00001', printed: 'none' });
    expect(r.toBring.map((d) => d.vi)).toContain('Giấy tờ chứng minh quyền sử dụng nơi cần cấp điện');
    expect(agency.sent).toHaveLength(1);
    expect(agency.sent[0]!.request.applicant).toEqual({
      fullName: identity.fullName,
      idNumber: identity.idNumber,
      dateOfBirth: identity.dateOfBirth,
    });
    // The same answers in the same session: the same key (a retry files once).
    await service.submit({ serviceId: 'new-electricity-connection', forms: evnForms() });
    expect(agency.sent[1]!.key).toBe(agency.sent[0]!.key);
  });

  it('refuses invalid answers, a service no agency takes forms for, and an unconfigured agency', async () => {
    const { service, agency } = setup();
    await expect(
      service.submit({ serviceId: 'new-electricity-connection', forms: evnForms({ phone: 'abc' }) }),
    ).rejects.toMatchObject({ code: 'dossier-invalid' });
    // The service sets the request kind (catalogue preset): another one is refused before EVN.
    await expect(
      service.submit({
        serviceId: 'new-electricity-connection',
        forms: evnForms({ requestKind: 'doi-chu-hop-dong', customerCode: 'PA01234567890' }),
      }),
    ).rejects.toMatchObject({ code: 'dossier-invalid' });
    await expect(service.submit({ serviceId: 'high-school-exam', forms: evnForms() })).rejects.toMatchObject({
      code: 'dossier-not-at-kiosk',
    });
    expect(agency.sent).toEqual([]);
    await expect(
      setup(false).service.submit({ serviceId: 'new-electricity-connection', forms: evnForms() }),
    ).rejects.toMatchObject({ code: 'agency-forms.unavailable' });
  });

  it('a system down is retryable, a refusal is not', async () => {
    const { service, agency } = setup();
    agency.failWith = new AgencyError('agency-unreachable', 'down');
    await expect(
      service.submit({ serviceId: 'new-electricity-connection', forms: evnForms() }),
    ).rejects.toMatchObject({ code: 'agency-forms.system-down' });
    agency.failWith = new AgencyError('agency-rejected', 'no');
    await expect(
      service.submit({ serviceId: 'new-electricity-connection', forms: evnForms() }),
    ).rejects.toMatchObject({ code: 'agency-forms.refused' });
  });
});
