/**
 * PrinterService end to end: a real receipt (host/receipt: 80 mm PDF → ESC/POS raster) to a fake printer on
 * 127.0.0.1, decoded back to a bitmap; state events for the status strip; file mode.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../tests/support/wait';
import { PrinterError } from '../../native/printer/errors';
import { DLE_EOT_PAPER } from '../../native/printer/escpos-status';
import { FakeEscPosPrinter, listenTcp } from '../../native/printer/testing/fake-printer';
import { escPosToBitmap, PRINT_WIDTH_DOTS, renderReceiptPdf, type ReceiptData } from '../receipt';
import { PrinterService, type PrinterStateValue } from './printer-service';

const receipt: ReceiptData = {
  state: 'delivered',
  dossierCode: '000.00.01.H22-261123-0001',
  localRef: 'KIOSK-261123-0A1B2C3D',
  procedureCode: '1.004194',
  procedureName: 'Đăng ký tạm trú',
  applicantName: 'Đỗ Thị Ảo Ảnh',
  maskedId: '0921******99',
  receivedAt: Date.UTC(2026, 10, 23, 2, 30),
  appointmentAt: Date.UTC(2026, 10, 26, 2, 30),
  feeVnd: 15000,
  feePaid: true,
  issuingSystem: 'Kiosk DVC - Phường Mẫu',
  printedAt: Date.UTC(2026, 10, 23, 2, 31),
};

function waitFor(condition: () => boolean, what: string): Promise<void> {
  return waitUntil(condition, what, { timeoutMs: 10_000, intervalMs: 5 });
}

describe('PrinterService', () => {
  it('thermal over TCP: prints a real receipt raster and follows the paper state', async () => {
    const fake = new FakeEscPosPrinter();
    const server = await listenTcp(fake);
    try {
      const service = new PrinterService({
        dataDir: mkdtempSync(join(tmpdir(), 'kiosk-')),
        statusTimeoutMs: 5000,
        config: { kind: 'escpos', transport: { kind: 'tcp', host: '127.0.0.1', port: server.port } },
      });
      const states: PrinterStateValue[] = [];
      service.on('state', (s) => states.push(s));
      expect(service.paper).toBe('80mm');
      expect(service.state).toBe('absent');
      expect((await service.status()).state).toBe('ready');

      const pdf = await renderReceiptPdf(receipt, { paper: '80mm' });
      await service.print(pdf, null, { code: receipt.dossierCode! });
      await waitFor(() => fake.received.length > 3 + 8 + PRINT_WIDTH_DOTS / 8, 'raster');
      const printed = fake.received.subarray(DLE_EOT_PAPER.length * fake.statusRequests);
      expect(printed.subarray(0, 2)).toEqual(Buffer.from([0x1b, 0x40]));
      const bitmap = escPosToBitmap(printed);
      expect(bitmap.width).toBe(PRINT_WIDTH_DOTS);
      expect(bitmap.height).toBeGreaterThan(200);
      expect(bitmap.bits.some((b) => b === 1)).toBe(true);

      fake.paper = 'near-end';
      const nearEnd = await service.status();
      expect(nearEnd).toMatchObject({ state: 'ready', paperNearEnd: true });

      fake.paper = 'out-of-paper';
      const err = await service.print(pdf, Buffer.from([0x1b, 0x40]), { code: 'A' }).catch((e: unknown) => e);
      expect((err as PrinterError).code).toBe('printer-out-of-paper');
      expect(service.state).toBe('out-of-paper');

      fake.paper = 'ok';
      await service.status();
      await server.close();
      expect((await service.status()).state).toBe('absent');
      expect(states).toEqual(['ready', 'out-of-paper', 'ready', 'absent']);
    } finally {
      await server.close().catch(() => undefined);
    }
  });

  it('file mode writes <dataDir>/receipts/<code>.pdf and stays in state file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-'));
    const service = new PrinterService({ dataDir });
    expect(service.state).toBe('file');
    expect(service.paper).toBe('a4');
    const pdf = await renderReceiptPdf(receipt, { paper: 'a4' });
    const result = await service.print(pdf, null, { code: receipt.dossierCode! });
    const file = join(dataDir, 'receipts', '000.00.01.H22-261123-0001.pdf');
    expect(result.detail).toBe(file);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await service.status()).state).toBe('file');
  });

  it('start() polls a real printer and reports it absent when unreachable', async () => {
    const service = new PrinterService({
      dataDir: tmpdir(),
      pollMs: 20,
      config: { kind: 'escpos', transport: { kind: 'serial', path: join(tmpdir(), 'no-such-printer-tty') } },
    });
    const seen: PrinterStateValue[] = [];
    service.on('state', (s) => seen.push(s));
    const errors: string[] = [];
    service.on('error', (e) => errors.push(e.code));
    // Counts the polls that have finished (start() asks through status()).
    let polled = 0;
    const status = service.status.bind(service);
    service.status = () => status().finally(() => polled++);
    service.start();
    await waitFor(() => polled >= 2, 'two polls of the printer');
    service.stop();
    expect(service.state).toBe('absent');
    const err = await service
      .print(Buffer.from('%PDF'), Buffer.from([0x1b, 0x40]), { code: 'A' })
      .catch((e: unknown) => e);
    expect((err as PrinterError).code).toBe('printer-offline');
    expect(errors).toEqual(['printer-offline']);
  });

  it('rejects an invalid configuration', () => {
    expect(
      () => new PrinterService({ dataDir: tmpdir(), config: { kind: 'cups', queue: '' } as never }),
    ).toThrow();
  });
});
