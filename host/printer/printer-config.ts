/**
 * The printer part of the kiosk configuration (the lead folds it into host/config as `printer`).
 *
 * { "kind": "file" }                                                        browser / dev (default)
 * { "kind": "escpos", "transport": { "kind": "serial", "path": "/dev/ttyACM0", "baudRate": 115200 } }
 * { "kind": "escpos", "transport": { "kind": "device", "path": "/dev/usb/lp0" } }
 * { "kind": "escpos", "transport": { "kind": "tcp", "host": "192.168.1.50", "port": 9100 } }
 * { "kind": "cups", "queue": "Front_Desk_A4" }
 */
import { z } from 'zod';

export const PrinterTransportConfig = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('serial'),
    path: z.string().min(1),
    baudRate: z.number().int().positive().default(9600),
  }),
  z.object({ kind: z.literal('device'), path: z.string().min(1) }),
  z.object({
    kind: z.literal('tcp'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(9100),
  }),
]);

export const PrinterConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file') }),
  z.object({ kind: z.literal('escpos'), transport: PrinterTransportConfig }),
  z.object({ kind: z.literal('cups'), queue: z.string().min(1) }),
]);
export type PrinterConfig = z.infer<typeof PrinterConfig>;
/** As written in the configuration file (defaults not yet applied). */
export type PrinterConfigInput = z.input<typeof PrinterConfig>;

export const DEFAULT_PRINTER_CONFIG: PrinterConfig = { kind: 'file' };
