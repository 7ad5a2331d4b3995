import { QRPay } from 'vietnam-qr-pay';
import { PortalError } from './errors';
import type { PaymentRequest, PortalAdapter } from './types';

export interface VietQrInput {
  /** NAPAS bank identification number (6 digits), e.g. `970436`. */
  bankBin: string;
  accountNo: string;
  amountVnd: number;
  /** Transfer content the bank statement shows; ASCII letters, digits, spaces and `-`, ≤ 25 characters. */
  reference: string;
}

/**
 * A dynamic VietQR (EMVCo, NAPAS 247) payload for a fee, or null when there is nothing to pay
 * (amount 0: exempt or free procedure — the kiosk shows no payment step).
 */
export function createVietQr(input: VietQrInput): string | null {
  const { bankBin, accountNo, amountVnd, reference } = input;
  if (!Number.isSafeInteger(amountVnd) || amountVnd < 0)
    throw new PortalError('payment-invalid', 'amount must be a whole, non-negative number of đồng');
  if (amountVnd === 0) return null;
  if (!/^\d{6}$/.test(bankBin)) throw new PortalError('payment-invalid', 'bank BIN must be 6 digits');
  if (!/^[0-9A-Za-z]{1,19}$/.test(accountNo))
    throw new PortalError('payment-invalid', 'account number must be 1–19 letters or digits');
  if (!/^[0-9A-Za-z -]{1,25}$/.test(reference))
    throw new PortalError(
      'payment-invalid',
      'reference must be 1–25 ASCII letters, digits, spaces or dashes',
    );
  return QRPay.initVietQR({
    bankBin,
    bankNumber: accountNo,
    amount: String(amountVnd),
    purpose: reference,
  }).build();
}

/** Reads back the amount and reference of a VietQR payload (tests, staff screen). */
export function readVietQr(
  content: string,
): { bankBin: string; accountNo: string; amountVnd: number; reference: string } | null {
  const qr = new QRPay(content);
  if (!qr.isValid) return null;
  return {
    bankBin: qr.consumer.bankBin ?? '',
    accountNo: qr.consumer.bankNumber ?? '',
    amountVnd: Number(qr.amount ?? 0),
    reference: qr.additionalData.purpose ?? '',
  };
}

/**
 * Asks the portal what is owed for a dossier and builds the VietQR to show; `vietQr` is null when nothing
 * is owed (exemption, free procedure, already paid) — the kiosk then skips the payment step.
 */
export async function preparePayment(
  portal: PortalAdapter,
  dossierCode: string,
): Promise<{ request: PaymentRequest; vietQr: string | null }> {
  const request = await portal.requestPayment(dossierCode);
  const vietQr = createVietQr({
    bankBin: request.bankBin,
    accountNo: request.accountNo,
    amountVnd: request.amountVnd,
    reference: request.reference,
  });
  return { request, vietQr };
}
