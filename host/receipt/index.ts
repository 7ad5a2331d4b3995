export { renderReceiptPdf, type Paper } from './pdf';
export {
  receiptToEscPos,
  rasterizePdf,
  bitmapToEscPos,
  escPosToBitmap,
  PRINT_WIDTH_DOTS,
  type Bitmap,
} from './escpos';
export {
  receiptDataFrom,
  receiptQrPayload,
  receiptQrText,
  parseLookupInput,
  RECEIPT_TITLE,
  type ReceiptData,
  type ReceiptQrPayload,
} from './receipt-data';
export { ReceiptError, type ReceiptErrorCode } from './errors';
export { DEFAULT_FONTS, resolveFonts, type ReceiptFonts } from './fonts';
