export {
  PrinterService,
  createPrinter,
  type PrinterServiceOptions,
  type PrinterServiceStatus,
  type PrinterServiceEvents,
  type PrinterStateValue,
} from './printer-service';
export {
  PrinterConfig,
  PrinterTransportConfig,
  DEFAULT_PRINTER_CONFIG,
  type PrinterConfigInput,
} from './printer-config';
