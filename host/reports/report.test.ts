/** Reports from a scripted day of journeys: the aggregate, the CSV and the PDF (read back with pdftotext). */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileKeyProvider } from '../store/keys';
import { KioskStore } from '../store/store';
import { sampleEnqueue, scratchDir } from '../store/testing/test-helpers';
import { vietnamDay } from '../store/pii';
import { buildReport, medianOfBuckets, reportCsv, reportPdf, JourneyTracker, ReportStore } from './index';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const DAY = '2026-11-30';
const T0 = Date.parse('2026-11-30T02:00:00Z'); // 09:00 in Vietnam

function rig() {
  const s = scratchDir('reports-');
  let t = T0;
  const store = KioskStore.open({
    path: join(s.dir, 'kiosk.db'),
    keys: new FileKeyProvider(join(s.dir, 'keys', 'data.key')),
    now: () => t,
  });
  cleanups.push(() => {
    store.close();
    s.cleanup();
  });
  const reports = new ReportStore(store.db);
  const tracker = new JourneyTracker({
    reports,
    channel: 'online',
    serviceIds: () => new Set(['temporary-residence', 'birth-registration']),
    dayOf: vietnamDay,
    now: () => t,
  });
  const at = (ms: number) => (t = ms);
  /** One journey: consent, a service, a form, then submitted after `seconds` or abandoned. */
  const journey = (o: {
    start: number;
    service?: string;
    consent?: boolean;
    submitAfterS?: number;
    stopAt?: 'form' | 'attachments';
    errors?: string[];
    refused?: boolean;
    rating?: [number, ('waited-too-long' | 'kiosk-failed' | 'hard-to-understand')[]];
  }) => {
    at(o.start);
    tracker.begin();
    if (o.consent !== false) {
      tracker.called('session.consent', { granted: true });
      tracker.succeeded('session.consent', { granted: true });
    }
    if (o.refused) tracker.refused();
    if (o.service) {
      tracker.succeeded('catalogue.home', {});
      tracker.succeeded('draft.save', { serviceId: o.service, data: {} });
      if (o.stopAt === 'attachments')
        tracker.succeeded('attachment.bring', { serviceId: o.service, code: 'x' });
    }
    for (const e of o.errors ?? []) tracker.failed(e);
    if (o.submitAfterS !== undefined) {
      at(o.start + o.submitAfterS * 1000);
      tracker.succeeded('dossier.submit', { serviceId: o.service });
    }
    at(t + 20_000);
    tracker.end(o.consent === false ? 'consent-declined' : 'done');
    if (o.rating) expect(tracker.rate(o.rating[0], o.rating[1])).toEqual({ recorded: true });
  };
  return { store, reports, tracker, journey, at };
}

function script(r: ReturnType<typeof rig>) {
  const h = 3600_000;
  r.journey({ start: T0, service: 'temporary-residence', submitAfterS: 95, rating: [5, []] });
  r.journey({ start: T0 + h, service: 'temporary-residence', submitAfterS: 130, rating: [5, []] });
  r.journey({
    start: T0 + 2 * h,
    service: 'temporary-residence',
    submitAfterS: 400,
    errors: ['portal-unavailable', 'portal-unavailable'],
    rating: [4, ['waited-too-long']],
  });
  r.journey({ start: T0 + 3 * h, service: 'temporary-residence', stopAt: 'form' });
  r.journey({
    start: T0 + 4 * h,
    service: 'birth-registration',
    stopAt: 'attachments',
    rating: [2, ['hard-to-understand']],
  });
  r.journey({ start: T0 + 5 * h, consent: false });
  r.journey({
    start: T0 + 6 * h,
    refused: true,
    errors: ['chip-forged'],
    rating: [1, ['kiosk-failed', 'waited-too-long']],
  });
  // The next day (in Vietnam): counted in the month, not in the day.
  r.journey({ start: T0 + 24 * h, service: 'temporary-residence', submitAfterS: 60, rating: [3, []] });
  // Two paid fees on the day, counted by the store at commit.
  r.at(T0 + 7 * h);
  r.store.enqueueDossier(sampleEnqueue(1, { feeVnd: 15000, feePaid: true }));
  r.store.enqueueDossier(sampleEnqueue(2, { feeVnd: 15000, feePaid: true }));
  r.store.enqueueDossier(sampleEnqueue(3, { feeVnd: 15000, feePaid: false }));
}

describe('reports', () => {
  it('the median of duration buckets is the bucket holding the middle journey', () => {
    expect(medianOfBuckets({})).toBeNull();
    expect(medianOfBuckets({ '90': 1, '130': 1, '400': 1 })).toBe(130);
    expect(medianOfBuckets({ '10': 2, '20': 2 })).toBe(10);
    expect(medianOfBuckets({ '10': 1, '20': 3 })).toBe(20);
  });

  it('a day: started, completed, abandoned per step, refused, median, fees, errors and ratings', () => {
    const r = rig();
    script(r);
    const day = buildReport(r.reports, 'day', DAY);
    expect(day.services).toEqual([
      {
        serviceId: 'birth-registration',
        channel: 'online',
        started: 1,
        completed: 0,
        abandoned: 1,
        abandonedAt: { attachments: 1 },
        refused: 0,
        medianSeconds: null,
        feesVnd: 0,
        errors: {},
        ratings: { '2': 1 },
        ratingMean: 2,
        reasons: { 'hard-to-understand': 1 },
      },
      {
        serviceId: 'none',
        channel: 'online',
        started: 2,
        completed: 0,
        abandoned: 1,
        abandonedAt: { consent: 1 },
        refused: 1,
        medianSeconds: null,
        feesVnd: 0,
        errors: { 'chip-forged': 1 },
        ratings: { '1': 1 },
        ratingMean: 1,
        reasons: { 'kiosk-failed': 1, 'waited-too-long': 1 },
      },
      {
        serviceId: 'temporary-residence',
        channel: 'online',
        started: 4,
        completed: 3,
        abandoned: 1,
        abandonedAt: { form: 1 },
        refused: 0,
        medianSeconds: 130,
        feesVnd: 30000,
        errors: { 'portal-unavailable': 2 },
        ratings: { '4': 1, '5': 2 },
        ratingMean: 4.67,
        reasons: { 'waited-too-long': 1 },
      },
    ]);
    // The last journey falls on 1 December in Vietnam: in December's report, not November's.
    const nov = buildReport(r.reports, 'month', '2026-11').services.find(
      (x) => x.serviceId === 'temporary-residence',
    )!;
    expect([nov.started, nov.completed, nov.medianSeconds, nov.ratings]).toEqual([
      4,
      3,
      130,
      { '4': 1, '5': 2 },
    ]);
    const dec = buildReport(r.reports, 'month', '2026-12').services;
    expect(dec.map((x) => [x.serviceId, x.started, x.completed, x.medianSeconds, x.ratings])).toEqual([
      ['temporary-residence', 1, 1, 60, { '3': 1 }],
    ]);
    expect(
      buildReport(r.reports, 'day', '2026-12-01').services.map((x) => [x.serviceId, x.completed]),
    ).toEqual([['temporary-residence', 1]]);
  });

  it('a journey is rated once; a rating long after its end is not taken', () => {
    const r = rig();
    r.journey({ start: T0, service: 'temporary-residence', submitAfterS: 60, rating: [5, []] });
    expect(r.tracker.rate(1, [])).toEqual({ recorded: false });
    r.journey({ start: T0 + 1000_000, service: 'temporary-residence', stopAt: 'form' });
    r.at(T0 + 1000_000 + 3600_000);
    expect(r.tracker.rate(1, [])).toEqual({ recorded: false });
    expect(buildReport(r.reports, 'day', DAY).services[0]!.ratings).toEqual({ '5': 1 });
  });

  it('CSV: one row per service with the scripted numbers', () => {
    const r = rig();
    script(r);
    const csv = reportCsv(buildReport(r.reports, 'day', DAY));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'period,service_id,channel,started,completed,abandoned,abandoned_at,refused,median_seconds,fees_vnd,errors,ratings,rating_mean,rating_reasons',
      '2026-11-30,birth-registration,online,1,0,1,attachments=1,0,,0,,2=1,2,hard-to-understand=1',
      '2026-11-30,none,online,2,0,1,consent=1,1,,0,chip-forged=1,1=1,1,kiosk-failed=1;waited-too-long=1',
      '2026-11-30,temporary-residence,online,4,3,1,form=1,0,130,30000,portal-unavailable=2,4=1;5=2,4.67,waited-too-long=1',
      '',
    ]);
  });

  it('PDF: printable, Vietnamese, and its text (pdftotext) shows the scripted numbers', async () => {
    const r = rig();
    script(r);
    const pdf = await reportPdf(buildReport(r.reports, 'day', DAY), {
      kioskName: 'Ki-ốt dịch vụ công',
      serviceName: (id) => (id === 'temporary-residence' ? 'Đăng ký tạm trú' : null),
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const s = scratchDir('report-pdf-');
    cleanups.push(s.cleanup);
    const file = join(s.dir, 'r.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize('NFC');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('BÁO CÁO NGÀY 2026-11-30');
    expect(flat).toContain('Đăng ký tạm trú (temporary-residence, trực tuyến)');
    expect(flat).toContain('Bắt đầu 4');
    expect(flat).toContain('Hoàn thành 3');
    expect(flat).toContain('Bỏ dở ở bước: khai tờ khai 1');
    expect(flat).toContain('Thời gian trung vị đến khi gửi: 130 giây');
    expect(flat).toContain('Phí, lệ phí đã thu: 30.000 đ');
    expect(flat).toContain('Lỗi theo mã: portal-unavailable=2');
    expect(flat).toContain('Đánh giá: 4=1;5=2; trung bình 4.67');
    expect(flat).toContain('Thẻ bị từ chối 1');
    expect(flat).toContain('Lỗi theo mã: chip-forged=1');
  });
});
