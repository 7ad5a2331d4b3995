/**
 * The mock of the national exam system (free-candidate registration): its options from `mock-data.json`, a
 * registration window it keeps (default: open from 10 days ago to 20 days ahead, the mock's own dates; set
 * with `POST /mock-window {opensOn, closesOn}`), and every registration it accepted in its records (evidence
 * files kept as name, hash and size only). Faults (down, 503, timeout…) come from the shared mock server.
 */
import { createHash } from 'node:crypto';
import { isoDateInVietnam } from '../../../common/text/format';
import { AgencyMockServer, notFound, ok, rejected } from '../mock-server';
import { JsonRecords } from '../records';
import { WINDOW_CLOSED_REASON } from './http-adapter';
import data from './mock-data.json';
import { ExamApplication, type ExamOptions, WindowDates } from './types';

export interface ExamRecord {
  registrationNumber: string;
  idempotencyKey: string;
  receivedAt: string;
  application: Omit<ExamApplication, 'priority'> & {
    priority: { category: string | null; evidence: { name: string; sha256: string; size: number }[] };
  };
}

const DAY = 86_400_000;

export function createExamMock(opts: { recordsPath: string; now?: () => number }): AgencyMockServer {
  const now = opts.now ?? Date.now;
  const records = new JsonRecords<ExamRecord>(opts.recordsPath);
  let window = {
    opensOn: isoDateInVietnam(now() - 10 * DAY) as string | null,
    closesOn: isoDateInVietnam(now() + 20 * DAY) as string | null,
  };
  const options = (): ExamOptions => ({
    window: { year: Number(isoDateInVietnam(now()).slice(0, 4)), ...window },
    clusters: data.clusters,
    subjects: data.subjects,
    priorities: data.priorities,
  });
  const isOpen = (): boolean => {
    const today = isoDateInVietnam(now());
    return (!window.opensOn || today >= window.opensOn) && (!window.closesOn || today <= window.closesOn);
  };
  return new AgencyMockServer(
    'exam',
    {
      options: () => ok(options()),
      'mock-window': (body) => {
        const w = WindowDates.safeParse(body);
        if (!w.success) return rejected('window: opensOn and closesOn (YYYY-MM-DD or null)');
        window = w.data;
        return ok(options().window);
      },
      register: (body) => {
        const key = typeof body.idempotencyKey === 'string' ? body.idempotencyKey : '';
        if (!/^[A-Za-z0-9:_-]{8,120}$/.test(key)) return rejected('idempotencyKey missing');
        const earlier = records.find((r) => r.idempotencyKey === key);
        if (earlier)
          return ok({
            registrationNumber: earlier.registrationNumber,
            receivedAt: earlier.receivedAt,
            cluster: data.clusters.find((c) => c.id === earlier.application.clusterId),
            duplicate: true,
          });
        if (!isOpen()) return rejected(WINDOW_CLOSED_REASON);
        const parsed = ExamApplication.safeParse(body.application);
        if (!parsed.success)
          return rejected(`application: ${parsed.error.issues[0]?.path.join('.') ?? ''} is not valid`);
        const a = parsed.data;
        const cluster = data.clusters.find((c) => c.id === a.clusterId);
        if (!cluster) return notFound(`cluster ${a.clusterId}`);
        const electives = new Set(data.subjects.electives.map((s) => s.id));
        if (a.electives.length !== data.subjects.choose || new Set(a.electives).size !== a.electives.length)
          return rejected(`choose ${data.subjects.choose} different electives`);
        if (a.electives.some((e) => !electives.has(e))) return rejected('unknown elective');
        if (a.priority.category !== null && !data.priorities.some((p) => p.id === a.priority.category))
          return rejected('unknown priority category');
        if (records.find((r) => r.application.candidate.idNumber === a.candidate.idNumber))
          return rejected('already registered');
        const evidence = a.priority.evidence.map((f) => {
          const bytes = Buffer.from(f.base64, 'base64');
          if (createHash('sha256').update(bytes).digest('hex') !== f.sha256) return null;
          return { name: f.name, sha256: f.sha256, size: bytes.length };
        });
        if (evidence.some((e) => e === null)) return rejected('evidence file hash does not match');
        const year = isoDateInVietnam(now()).slice(0, 4);
        const registrationNumber = `TS${year}-${cluster.id}-${String(records.list().length + 1).padStart(6, '0')}`;
        const rec = records.add({
          registrationNumber,
          idempotencyKey: key,
          receivedAt: new Date(now()).toISOString(),
          application: {
            ...a,
            priority: {
              category: a.priority.category,
              evidence: evidence as ExamRecord['application']['priority']['evidence'],
            },
          },
        });
        return ok({ registrationNumber, receivedAt: rec.receivedAt, cluster, duplicate: false });
      },
    },
    records,
  );
}
