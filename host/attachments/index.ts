export {
  AttachmentService,
  dossierDocuments,
  LIMITS,
  ATTACHMENTS_SESSION_KEY,
  type ComponentState,
} from './attachment-service';
export { AttachmentError, ATTACHMENT_ERROR_CODES, type AttachmentErrorCode } from './errors';
export { scanPage, listScanners, SANE_DEMO_CONFIG_DIR, type ScannerOptions } from './scanner';
export { decodeImage, frameDocument, checkReadable, readability, bytesFromDataUrl } from './image';
export { imagesToPdf, MAX_FILE_BYTES } from './pdf';
