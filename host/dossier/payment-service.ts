/**
 * Paying a dossier's fee at the kiosk: the portal says what is owed and to which account; the kiosk shows
 * it as a VietQR (the interbank QR every Vietnamese banking app reads) and watches the portal for the
 * payment. Nothing owed (exemption, free procedure, already paid) → no payment step.
 * In demo mode the technician can play the bank (`simulateBankTransfer`).
 */
import { KioskApiError, type EReceiptView, type PaymentView } from '../../common/api/contract';
import { preparePayment } from '../portal/payment';
import type { EReceipt, PortalAdapter } from '../portal';
import type { SessionManager } from '../session/session-manager';
import type { KioskStore } from '../store/store';

const view = (e: EReceipt | null): EReceiptView | null =>
  e ? { number: e.number, series: e.series, url: e.url } : null;

export class PaymentService {
  constructor(private readonly o: { store: KioskStore; portal: PortalAdapter; sessions: SessionManager }) {}

  private receipt(localRef: string) {
    const mine = this.o.sessions.active?.personal.get('receipts') ?? [];
    const r = mine.includes(localRef) ? this.o.store.getReceipt({ localRef }) : null;
    if (!r) throw new KioskApiError('receipt-not-found', 'Not a receipt of this session');
    if (!r.dossierCode) throw new KioskApiError('payment-not-ready', 'The dossier has no code yet');
    return r as typeof r & { dossierCode: string };
  }

  async prepare(localRef: string): Promise<PaymentView> {
    const r = this.receipt(localRef);
    // Nothing to pay at the kiosk: paid, free, exempt, or unknown (staff tell the amount at the counter).
    if (r.feePaid || !r.feeVnd)
      return {
        required: false,
        amountVnd: 0,
        reference: '',
        accountName: '',
        accountNo: '',
        bankBin: '',
        vietQr: null,
        paid: r.feePaid,
      };
    const { request, vietQr } = await preparePayment(this.o.portal, r.dossierCode);
    return {
      required: vietQr !== null,
      amountVnd: request.amountVnd,
      reference: request.reference,
      accountName: request.accountName,
      accountNo: request.accountNo,
      bankBin: request.bankBin,
      vietQr,
      paid: false,
    };
  }

  /** Asks the portal whether the fee has arrived; records it on the receipt when it has; its e-receipt. */
  async check(localRef: string): Promise<{ paid: boolean; eReceipt: EReceiptView | null }> {
    const r = this.receipt(localRef);
    const status = await this.o.portal.getStatus(r.dossierCode);
    if (status.feePaid && !r.feePaid) this.o.store.markFeePaid(localRef);
    return { paid: r.feePaid || status.feePaid, eReceipt: view(status.eReceipt) };
  }

  /** Demo mode: what the bank would do when the citizen's transfer arrives. */
  async simulateBankTransfer(localRef: string): Promise<{ paid: boolean; eReceipt: EReceiptView | null }> {
    const r = this.receipt(localRef);
    const { request } = await preparePayment(this.o.portal, r.dossierCode);
    const done = await this.o.portal.confirmPayment({
      dossierCode: r.dossierCode,
      reference: request.reference,
      amountVnd: request.amountVnd,
    });
    if (done.paid) this.o.store.markFeePaid(localRef);
    return { paid: done.paid, eReceipt: view(done.eReceipt) };
  }
}
