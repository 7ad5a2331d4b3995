/**
 * ESC/POS real-time status: `DLE EOT n` (0x10 0x04 n). With n = 4 (roll paper sensor) the printer answers one
 * byte, Epson layout: bit 0 = 0, bit 1 = 1, bit 4 = 1, bit 7 = 0 (fixed); bits 2–3 set = paper near end;
 * bits 5–6 set = paper end (no paper). A byte whose fixed bits are wrong is not a status answer.
 */
export const DLE_EOT_PAPER = Buffer.from([0x10, 0x04, 0x04]);

export type PaperStatus = 'ok' | 'near-end' | 'out-of-paper';

/** `null` when the byte is not a valid DLE EOT 4 answer. */
export function parsePaperStatus(byte: number): PaperStatus | null {
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff) return null;
  if ((byte & 0x93) !== 0x12) return null;
  if (byte & 0x60) return 'out-of-paper';
  if (byte & 0x0c) return 'near-end';
  return 'ok';
}

/** The answer byte a printer sends for a paper state (the fake printer in tests, the printer simulator). */
export function paperStatusByte(status: PaperStatus): number {
  return 0x12 | (status === 'near-end' ? 0x0c : 0) | (status === 'out-of-paper' ? 0x60 : 0);
}
