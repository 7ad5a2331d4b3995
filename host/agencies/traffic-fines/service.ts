import { randomUUID } from 'node:crypto';
import { KioskApiError, type FinePaymentView, type FineViolationView } from '../../../common/api/contract';
import { formatDate, formatDateTime, formatMoney } from '../../../common/text/format';
import { parseDecisionNumber } from '../../../common/vehicle/decision';
import { parsePlate } from '../../../common/vehicle/plate';
import { createVietQr } from '../../portal/payment';
import type { SessionManager } from '../../session/session-manager';
import type { AgencyReceiptPrinter } from '../receipt-pdf';
import type { FinePayment, FinePaymentState, TrafficFineAdapter, Violation } from './types';

/** Printed papers write the word: `4.800.000 đồng`. */
const vnd = (n: number) => formatMoney(n, { unit: 'đồng' });

/** A plate as printed (`30A-123.45`) from its canonical form; the canonical form when it does not parse. */
function plateDisplay(canonical: string): string {
  const p = parsePlate(canonical);
  return p.ok ? p.plate.display : canonical;
}

function view(v: Violation): FineViolationView {
  return {
    id: v.id,
    decisionNumber: v.decisionNumber,
    plate: plateDisplay(v.plate),
    at: Date.parse(v.at),
    place: v.place,
    offence: v.offence,
    issuedBy: v.issuedBy,
    amountVnd: v.amountVnd,
    deadline: v.deadline,
    paid: v.paid,
  };
}

/**
 * Service 08 (a payment service, not a TTHC): look up violations, pay one or several with one VietQR, follow
 * the payment, print the e-receipt. What was looked up and paid lives in the session (wiped at its end).
 */
export class TrafficFineService {
  private violations = new Map<string, FineViolationView>();
  private payments = new Map<string, { payment: FinePayment; violations: FineViolationView[] }>();

  constructor(
    private readonly o: {
      adapter: TrafficFineAdapter;
      sessions: SessionManager;
      receipts: AgencyReceiptPrinter;
      /** Demo mode: the mock's demo bank (`POST /admin/pay`). */
      demoBank?: ((reference: string) => Promise<void>) | null;
    },
  ) {
    o.sessions.onEnd(() => {
      this.violations.clear();
      this.payments.clear();
    });
  }

  private requireSession(): void {
    if (!this.o.sessions.active) throw new KioskApiError('session-required', 'No citizen session');
  }

  async lookup(
    by: 'plate' | 'decision',
    text: string,
  ): Promise<{ query: string; violations: FineViolationView[] }> {
    this.requireSession();
    let found: Violation[];
    let query: string;
    if (by === 'plate') {
      const p = parsePlate(text);
      if (!p.ok) throw new KioskApiError(p.error, 'plate not understood');
      query = p.plate.display;
      found = await this.o.adapter.findByPlate(p.plate.canonical);
    } else {
      const d = parseDecisionNumber(text);
      if (!d.ok) throw new KioskApiError(d.error, 'decision number not understood');
      query = d.number;
      found = await this.o.adapter.findByDecision(d.number);
    }
    const views = found.map(view);
    for (const v of views) this.violations.set(v.id, v);
    return { query, violations: views };
  }

  private paymentView(p: FinePayment, state: FinePaymentState | null): FinePaymentView {
    const entry = this.payments.get(p.reference);
    return {
      reference: p.reference,
      state: state?.state ?? 'waiting',
      amountVnd: p.amountVnd,
      violations: entry?.violations ?? [],
      bankBin: p.bankBin,
      accountNo: p.accountNo,
      accountName: p.accountName,
      vietQr: createVietQr({
        bankBin: p.bankBin,
        accountNo: p.accountNo,
        amountVnd: p.amountVnd,
        reference: p.reference,
      }),
      eReceipt: state?.eReceipt ? { ...state.eReceipt, issuedAt: Date.parse(state.eReceipt.issuedAt) } : null,
    };
  }

  async pay(violationIds: string[]): Promise<FinePaymentView> {
    this.requireSession();
    const chosen = violationIds.map((id) => this.violations.get(id));
    if (chosen.some((v) => !v || v.paid))
      throw new KioskApiError('fines-not-payable', 'only unpaid violations of the last lookup can be paid');
    const payment = await this.o.adapter.requestPayment(violationIds, randomUUID());
    this.payments.set(payment.reference, { payment, violations: chosen as FineViolationView[] });
    return this.paymentView(payment, null);
  }

  private known(reference: string) {
    this.requireSession();
    const e = this.payments.get(reference);
    if (!e) throw new KioskApiError('fines-unknown-payment', 'not a payment of this session');
    return e;
  }

  async check(reference: string): Promise<FinePaymentView> {
    const e = this.known(reference);
    return this.paymentView(e.payment, await this.o.adapter.paymentStatus(reference));
  }

  async cancel(reference: string): Promise<FinePaymentView> {
    const e = this.known(reference);
    return this.paymentView(e.payment, await this.o.adapter.cancelPayment(reference));
  }

  async demoPay(reference: string): Promise<FinePaymentView> {
    this.known(reference);
    if (!this.o.demoBank) throw new KioskApiError('not-available', 'no demo bank');
    await this.o.demoBank(reference);
    return this.check(reference);
  }

  /** Prints the e-receipt (Vietnamese): every violation paid, the amount, the receipt number and its link. */
  async print(reference: string): Promise<{ kind: string }> {
    const p = await this.check(reference);
    if (p.state !== 'paid' || !p.eReceipt) throw new KioskApiError('fines-not-paid', 'nothing paid yet');
    const rows: [string, string][] = [
      ['Biên lai điện tử', `Số ${p.eReceipt.number}, ký hiệu ${p.eReceipt.series}`],
      ['Thời gian nộp', formatDateTime(p.eReceipt.issuedAt)],
      ['Mã giao dịch', p.reference],
      ['Tổng số tiền đã nộp', vnd(p.amountVnd)],
    ];
    p.violations.forEach((v, i) =>
      rows.push([
        `Vi phạm ${i + 1}${v.decisionNumber ? ` — Quyết định số ${v.decisionNumber}` : ''}`,
        `${v.plate} · ${v.offence} · ${formatDateTime(v.at)} · ${v.place} · ${vnd(v.amountVnd)}` +
          (v.deadline ? ` · hạn nộp ${formatDate(v.deadline)}` : ''),
      ]),
    );
    return this.o.receipts.print({
      title: 'Biên lai thu tiền phạt vi phạm hành chính',
      rows,
      qr: { text: p.eReceipt.url, caption: 'Quét mã để tra cứu biên lai điện tử' },
      code: p.reference,
    });
  }
}
