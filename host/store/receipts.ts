import { appendAudit, type AuditActor } from './audit';
import { tx, type StoreContext } from './context';
import { bumpCounter } from './counters';
import { open } from './crypto';
import { StoreError, guard } from './errors';
import type { OutboxState, ReceiptRecord } from './records';
import { applicantCtx, isUnreadable } from './sealed';

interface ReceiptRow {
  local_ref: string;
  service_id: string;
  procedure_code: string;
  procedure_name: string;
  masked_id: string;
  received_at: number;
  appointment_at: number | null;
  fee_vnd: number;
  fee_known: number;
  fee_paid: number;
  dossier_code: string | null;
  key_id: string | null;
  applicant: Buffer | null;
  state: OutboxState;
  portal_status: number | null;
}

export function getReceipt(
  c: StoreContext,
  ref: { localRef?: string; dossierCode?: string },
): ReceiptRecord | null {
  const row = guard('read receipt', () =>
    c.db
      .prepare(
        `SELECT r.*, o.state, o.portal_status FROM receipts r JOIN outbox o ON o.local_ref = r.local_ref
         WHERE ${ref.localRef ? 'r.local_ref' : 'r.dossier_code'} = ?`,
      )
      .get(ref.localRef ?? ref.dossierCode ?? ''),
  ) as ReceiptRow | undefined;
  if (!row) return null;
  return {
    localRef: row.local_ref,
    serviceId: row.service_id,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    maskedId: row.masked_id,
    receivedAt: row.received_at,
    appointmentAt: row.appointment_at,
    feeVnd: row.fee_known === 1 ? row.fee_vnd : null,
    feePaid: row.fee_paid === 1,
    dossierCode: row.dossier_code,
    state: row.state,
    portalStatus: row.portal_status,
    applicant: openApplicant(c, row.local_ref, row.key_id, row.applicant),
  };
}

/** The receipt's applicant name, or null once purged or when it no longer opens (the receipt still prints). */
function openApplicant(
  c: StoreContext,
  localRef: string,
  keyId: string | null,
  blob: Buffer | null,
): { fullName: string } | null {
  if (!blob || !keyId) return null;
  try {
    return open<{ fullName: string }>(c.keys, { keyId, blob }, applicantCtx(localRef));
  } catch (err) {
    if (isUnreadable(err)) return null;
    throw err;
  }
}

/** Records that the fee was paid (once): the day's fee counter and an audit entry, in one transaction. */
export function markFeePaid(c: StoreContext, localRef: string, actor: AuditActor): void {
  const at = c.now();
  tx(c, 'record payment', () => {
    const r = c.db
      .prepare('SELECT service_id, fee_vnd, fee_paid FROM receipts WHERE local_ref = ?')
      .get(localRef) as { service_id: string; fee_vnd: number; fee_paid: number } | undefined;
    if (!r) throw new StoreError('store-not-found', `receipt ${localRef} not found`);
    if (r.fee_paid) return;
    c.db.prepare('UPDATE receipts SET fee_paid = 1 WHERE local_ref = ?').run(localRef);
    bumpCounter(c.db, at, r.service_id, { fees_vnd: r.fee_vnd });
    appendAudit(c.db, c.auditKey, {
      at,
      actor,
      action: 'fee.paid',
      subject: localRef,
      detail: { amountVnd: r.fee_vnd },
    });
  });
}
