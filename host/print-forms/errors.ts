/** Typed errors of form printing. Citizen-facing sentences: renderer/i18n/errors/print-forms.json. */
import { CodedError } from '../../common/errors';
export const PRINT_FORMS_ERROR_CODES = [
  'print-forms-invalid',
  'print-forms-render-failed',
  'print-forms-no-a4',
] as const;
export type PrintFormsErrorCode = (typeof PRINT_FORMS_ERROR_CODES)[number];

export class PrintFormsError extends CodedError<PrintFormsErrorCode> {
  override readonly name = 'PrintFormsError';
}
