export { PrinterError, PRINTER_ERROR_CODES, type PrinterErrorCode } from './errors';
export { DLE_EOT_PAPER, parsePaperStatus, paperStatusByte, type PaperStatus } from './escpos-status';
export { openTransport, describeTransport, type TransportConfig, type PrinterConnection } from './transports';
export {
  EscPosPrinter,
  CupsPrinter,
  FilePrinter,
  safeFileName,
  type Printer,
  type PrinterStatus,
  type PrinterCondition,
  type PrintJob,
  type PrintResult,
  type EscPosPrinterOptions,
  type CupsPrinterOptions,
} from './printer';
export { discoverPrinters, KNOWN_PRINTER_VENDOR_IDS, type DiscoveredPrinter } from './discovery';
