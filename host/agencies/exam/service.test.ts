/** ExamService: the candidate from the chip, the window (config first), choices checked against the system's. */
import { describe, expect, it } from 'vitest';
import type { Identity } from '../../../common/identity';
import { SessionManager } from '../../session/session-manager';
import { AgencyError } from '../errors';
import { ExamService, windowState } from './service';
import {
  type ExamApplication,
  type ExamOptions,
  type ExamRegistrationAdapter,
  ExamWindowClosedError,
} from './types';

const identity = {
  idNumber: '001190012345',
  fullName: 'Nguyễn Thị Hồng Nhung',
  dateOfBirth: '1990-03-15',
  sex: 'female',
} as Identity;

const OPTIONS: ExamOptions = {
  window: { year: 2027, opensOn: '2027-04-01', closesOn: '2027-04-30' },
  clusters: [{ id: 'C1', name: 'Điểm 1 (mô phỏng)' }],
  subjects: {
    compulsory: [{ id: 'toan', name: 'Toán' }],
    electives: [
      { id: 'a', name: 'A' },
      { id: 'b', name: 'B' },
      { id: 'c', name: 'C' },
    ],
    choose: 2,
  },
  priorities: [{ id: 'p1', name: 'P1' }],
};

class FakeExam implements ExamRegistrationAdapter {
  sent: { application: ExamApplication; key: string }[] = [];
  failWith: Error | null = null;
  async options() {
    if (this.failWith) throw this.failWith;
    return OPTIONS;
  }
  async register(application: ExamApplication, key: string) {
    if (this.failWith) throw this.failWith;
    this.sent.push({ application, key });
    return {
      registrationNumber: 'TS2027-C1-000001',
      receivedAt: '2027-04-02T01:00:00.000Z',
      cluster: OPTIONS.clusters[0]!,
      duplicate: false,
    };
  }
}

function setup(o: { now: string; window?: { opensOn: string | null; closesOn: string | null } | null }) {
  const sessions = new SessionManager();
  const s = sessions.start('vi');
  s.personal.set('identity', identity);
  s.personal.set('decision', 'accept');
  const adapter = new FakeExam();
  const service = new ExamService({
    adapter,
    sessions,
    window: o.window ?? null,
    now: () => Date.parse(o.now),
  });
  return { adapter, service, sessions };
}

const forms = (answers: Record<string, unknown> = {}) => [
  {
    formId: 'exam-registration',
    version: 'outline-2026',
    answers: {
      // Typed text where the chip's values belong: the chip's are sent regardless.
      fullName: 'Someone Else',
      idNumber: '001190012345',
      dateOfBirth: '1990-03-15',
      sex: 'female',
      candidateKind: 'graduated',
      schoolName: 'Trường THPT Mẫu',
      graduationYear: 2008,
      phone: '0912345678',
      ...answers,
    },
  },
];
const input = (over: Record<string, unknown> = {}) => ({
  serviceId: 'high-school-exam',
  forms: forms(),
  clusterId: 'C1',
  electives: ['a', 'c'],
  priority: null,
  ...over,
});

describe('windowState', () => {
  it('is open inside the dates, closed outside, unknown without any', () => {
    const w = { opensOn: '2027-04-01', closesOn: '2027-04-30' };
    expect(windowState(w, '2027-04-01')).toBe('open');
    expect(windowState(w, '2027-04-30')).toBe('open');
    expect(windowState(w, '2027-03-31')).toBe('closed');
    expect(windowState(w, '2027-05-01')).toBe('closed');
    expect(windowState({ opensOn: null, closesOn: '2027-04-30' }, '2020-01-01')).toBe('open');
    expect(windowState(null, '2027-04-01')).toBe('unknown');
    expect(windowState({ opensOn: null, closesOn: null }, '2027-04-01')).toBe('unknown');
  });
});

describe('ExamService', () => {
  it('takes the window from the system unless the configuration gives one', async () => {
    const a = setup({ now: '2027-04-10T03:00:00Z' });
    expect((await a.service.options('high-school-exam')).window).toEqual({
      state: 'open',
      opensOn: '2027-04-01',
      closesOn: '2027-04-30',
    });
    const b = setup({ now: '2027-04-10T03:00:00Z', window: { opensOn: '2027-05-01', closesOn: null } });
    expect((await b.service.options('high-school-exam')).window.state).toBe('closed');
  });

  it('sends the chip identity, the answers and the choices; the same submission has the same key', async () => {
    const { adapter, service } = setup({ now: '2027-04-10T03:00:00Z' });
    const r = await service.register(input());
    expect(r).toMatchObject({
      registrationNumber: 'TS2027-C1-000001',
      clusterName: 'Điểm 1 (mô phỏng)',
      subjects: ['Toán', 'A', 'C'],
      toBring: [],
      attached: 0,
    });
    const sent = adapter.sent[0]!;
    expect(sent.application.candidate).toMatchObject({
      fullName: 'Nguyễn Thị Hồng Nhung',
      idNumber: '001190012345',
      phone: '0912345678',
    });
    expect(sent.application.school).toEqual({ name: 'Trường THPT Mẫu', graduationYear: 2008 });
    await service.register(input());
    expect(adapter.sent[1]!.key).toBe(sent.key);
  });

  it('a claimed priority without evidence at the kiosk puts the proof on the list to bring', async () => {
    const { service } = setup({ now: '2027-04-10T03:00:00Z' });
    const r = await service.register(input({ priority: 'p1' }));
    expect(r.toBring.map((d) => d.vi)).toEqual(['Giấy tờ chứng nhận diện ưu tiên']);
  });

  it('refuses choices the system does not offer, a closed window, and anyone not identified', async () => {
    const { service, sessions } = setup({ now: '2027-04-10T03:00:00Z' });
    for (const bad of [
      { clusterId: 'NOPE' },
      { electives: ['a'] },
      { electives: ['a', 'a'] },
      { electives: ['a', 'z'] },
      { priority: 'p9' },
      { forms: forms({ phone: 'x' }) },
    ])
      await expect(service.register(input(bad)), JSON.stringify(bad)).rejects.toMatchObject({
        code: 'dossier-invalid',
      });
    const closed = setup({ now: '2027-05-02T03:00:00Z' });
    await expect(closed.service.register(input())).rejects.toMatchObject({ code: 'exam-window-closed' });
    expect(closed.adapter.sent).toEqual([]);
    sessions.active!.personal.set('decision', 'refuse-forged');
    await expect(service.register(input())).rejects.toMatchObject({ code: 'dossier-not-identified' });
    await expect(service.options('organisation-seal')).rejects.toMatchObject({
      code: 'dossier-not-at-kiosk',
    });
  });

  it('turns the system errors into the sentences the renderer has', async () => {
    const { adapter, service } = setup({ now: '2027-04-10T03:00:00Z' });
    adapter.failWith = new AgencyError('agency-unreachable', 'down');
    await expect(service.options('high-school-exam')).rejects.toMatchObject({ code: 'exam-system-down' });
    adapter.failWith = new AgencyError('agency-rejected', 'already registered');
    await expect(service.options('high-school-exam')).rejects.toMatchObject({ code: 'exam-refused' });
    adapter.failWith = new ExamWindowClosedError('closed');
    await expect(service.options('high-school-exam')).rejects.toMatchObject({ code: 'exam-window-closed' });
    const none = new ExamService({ adapter: null, sessions: new SessionManager(), window: null });
    await expect(none.options('high-school-exam')).rejects.toMatchObject({ code: 'exam-unavailable' });
  });
});
