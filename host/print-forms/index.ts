export { renderFormsPdf, dateLine, formCodeLine, type FormsPdfInput, type PrintableForm } from './form-pdf';
export { paperAnswer, paperAddress } from './answer-text';
export { signatureBlocks, type SignatureBlock } from './signatures';
export { FormsPrintService, type FormsToPrint, type PrintFormsResult } from './forms-print-service';
export { PrintFormsError, PRINT_FORMS_ERROR_CODES, type PrintFormsErrorCode } from './errors';
