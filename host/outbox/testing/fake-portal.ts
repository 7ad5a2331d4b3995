import { formatDossierCode } from '../../portal/dossier-code';
import { PortalError, type PortalErrorCode } from '../../portal/errors';
import type {
  DossierStatusInfo,
  DossierSubmission,
  PaymentConfirmation,
  PaymentRequest,
  PortalAdapter,
  ProcedureSummary,
  SubmitResult,
} from '../../portal/types';

/** In-memory portal for outbox unit tests: idempotent on the key; `failWith` makes calls fail. */
export class FakePortal implements PortalAdapter {
  readonly byKey = new Map<string, { code: string; d: DossierSubmission; requests: number }>();
  failWith: PortalErrorCode | null = null;
  calls = 0;

  async login(): Promise<void> {}
  async listProcedures(_agencyCode: string): Promise<ProcedureSummary[]> {
    return [];
  }
  async submitDossier(d: DossierSubmission, key: string): Promise<SubmitResult> {
    this.calls++;
    await new Promise((r) => setTimeout(r, 1));
    if (this.failWith) throw new PortalError(this.failWith, 'fake failure');
    let e = this.byKey.get(key);
    if (!e) {
      e = { code: formatDossierCode('000.00.01.H22', '261123', this.byKey.size + 1), d, requests: 0 };
      this.byKey.set(key, e);
    }
    e.requests++;
    return { dossierCode: e.code, status: 2, appointmentAt: d.appointmentAt };
  }
  async getStatus(code: string): Promise<DossierStatusInfo> {
    const e = [...this.byKey.values()].find((x) => x.code === code);
    if (!e) throw new PortalError('portal-not-found', 'no such dossier');
    return {
      dossierCode: code,
      status: 4,
      procedureCode: e.d.procedureCode,
      procedureName: e.d.procedureName,
      receivedAt: e.d.receivedAt,
      appointmentAt: e.d.appointmentAt,
      agencyCode: e.d.receivingAgency.code,
      feeVnd: 0,
      feePaid: true,
      eReceipt: null,
    };
  }
  async requestPayment(code: string): Promise<PaymentRequest> {
    return {
      dossierCode: code,
      amountVnd: 0,
      reference: 'X',
      bankBin: '970436',
      accountNo: '1',
      accountName: 'X',
    };
  }
  async confirmPayment(p: { dossierCode: string }): Promise<PaymentConfirmation> {
    return { dossierCode: p.dossierCode, paid: true, status: 4, eReceipt: null };
  }
}
