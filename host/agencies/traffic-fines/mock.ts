import { readFileSync } from 'node:fs';
import { AgencyMockServer, notFound, ok, rejected } from '../mock-server';
import { JsonRecords } from '../records';
import type { FineEReceipt, FinePaymentState, Violation } from './types';

/** A fixture violation: what the agency holds, including the owner (never answered). */
interface FixtureViolation extends Omit<Violation, 'paid'> {
  ownerName: string;
}

/** What the mock keeps: each payment asked for, its state and e-receipt (the e2e reads these back). */
export interface FinePaymentRecord {
  reference: string;
  idempotencyKey: string;
  violationIds: string[];
  decisionNumbers: (string | null)[];
  amountVnd: number;
  state: 'waiting' | 'paid' | 'cancelled';
  createdAt: string;
  paidAt: string | null;
  eReceipt: FineEReceipt | null;
}

export const FINES_MOCK_BANK = {
  bankBin: '970436',
  accountNo: '0011000000002',
  accountName: 'KHO BAC NHA NUOC THU PHAT (MO PHONG)',
} as const;

export function loadFineFixtures(): FixtureViolation[] {
  const url = new URL('../../../fixtures/agencies/traffic-fines.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { violations: FixtureViolation[] }).violations;
}

const str = (v: unknown, max: number): string | null =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? v : null;

/**
 * The traffic-fine payment system's mock: fixture violations of fictional plates, payments for one or several
 * unpaid violations, a demo bank (`POST /admin/pay {reference}`) that settles a payment and issues the
 * e-receipt. Answers never carry the owner.
 */
export function createTrafficFinesMock(opts: {
  recordsPath: string;
  violations?: FixtureViolation[];
}): AgencyMockServer {
  const fixtures = opts.violations ?? loadFineFixtures();
  const payments = new JsonRecords<FinePaymentRecord>(opts.recordsPath);
  const paidIds = () =>
    new Set(
      payments
        .list()
        .filter((p) => p.state === 'paid')
        .flatMap((p) => p.violationIds),
    );
  const view = (v: FixtureViolation): Violation => {
    const { ownerName: _owner, ...rest } = v;
    return { ...rest, paid: paidIds().has(v.id) };
  };
  const stateOf = (p: FinePaymentRecord): FinePaymentState => ({
    reference: p.reference,
    state: p.state,
    amountVnd: p.amountVnd,
    violationIds: p.violationIds,
    eReceipt: p.eReceipt,
  });
  const byRef = (v: unknown) => payments.find((p) => p.reference === v);

  return new AgencyMockServer(
    'traffic-fines',
    {
      'violations/by-plate': (b) => {
        const plate = str(b.plate, 16);
        if (!plate || !/^[0-9A-Z]+$/.test(plate)) return rejected('Biển số không hợp lệ');
        return ok(fixtures.filter((v) => v.plate === plate).map(view));
      },
      'violations/by-decision': (b) => {
        const n = str(b.decisionNumber, 40);
        if (!n) return rejected('Số quyết định không hợp lệ');
        const found = fixtures.filter((v) => v.decisionNumber === n);
        return found.length ? ok(found.map(view)) : notFound('Không tìm thấy quyết định xử phạt');
      },
      'payments/request': (b) => {
        const key = str(b.idempotencyKey, 200);
        const ids = Array.isArray(b.violationIds) ? b.violationIds : null;
        if (!key || !ids || ids.length === 0 || ids.length > 20 || new Set(ids).size !== ids.length)
          return rejected('Yêu cầu thanh toán không hợp lệ');
        const known = payments.find((p) => p.idempotencyKey === key);
        if (known) {
          if (known.violationIds.join() !== ids.join())
            return rejected('IdempotencyKey đã dùng cho yêu cầu khác');
          return ok({ ...FINES_MOCK_BANK, ...stateOf(known) });
        }
        const chosen = ids.map((id) => fixtures.find((v) => v.id === id));
        if (chosen.some((v) => !v)) return notFound('Không tìm thấy vi phạm');
        const paid = paidIds();
        if (chosen.some((v) => paid.has(v!.id))) return rejected('Vi phạm đã được nộp phạt');
        const rec = payments.add({
          reference: `NPGT${String(payments.list().length + 1).padStart(8, '0')}`,
          idempotencyKey: key,
          violationIds: ids as string[],
          decisionNumbers: chosen.map((v) => v!.decisionNumber),
          amountVnd: chosen.reduce((sum, v) => sum + v!.amountVnd, 0),
          state: 'waiting',
          createdAt: new Date().toISOString(),
          paidAt: null,
          eReceipt: null,
        });
        return ok({
          reference: rec.reference,
          violationIds: rec.violationIds,
          amountVnd: rec.amountVnd,
          ...FINES_MOCK_BANK,
        });
      },
      'payments/status': (b) => {
        const p = byRef(b.reference);
        return p ? ok(stateOf(p)) : notFound('Không tìm thấy giao dịch');
      },
      'payments/cancel': (b) => {
        const p = byRef(b.reference);
        if (!p) return notFound('Không tìm thấy giao dịch');
        if (p.state === 'waiting')
          payments.update(
            (x) => x.reference === p.reference,
            (x) => ({ ...x, state: 'cancelled' }),
          );
        return ok(stateOf(byRef(b.reference)!));
      },
    },
    payments,
    {
      // The demo bank: the transfer of the exact amount arrives.
      pay: (b) => {
        const p = byRef(b.reference);
        if (!p) return notFound('Không tìm thấy giao dịch');
        if (p.state === 'cancelled') return rejected('Giao dịch đã hủy');
        if (p.state === 'waiting') {
          const now = new Date();
          const serial = payments.list().filter((x) => x.eReceipt).length + 1;
          payments.update(
            (x) => x.reference === p.reference,
            (x) => ({
              ...x,
              state: 'paid',
              paidAt: now.toISOString(),
              eReceipt: {
                number: String(serial).padStart(7, '0'),
                series: `BLP-${String(now.getFullYear()).slice(2)}XP`,
                url: `https://thuphat.example/bienlai/${x.reference}`,
                issuedAt: now.toISOString(),
              },
            }),
          );
        }
        return ok(stateOf(byRef(b.reference)!));
      },
    },
  );
}
