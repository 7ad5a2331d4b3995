import { CodedError } from '../../common/errors';

/** Citizen-facing sentences: renderer/i18n/errors/attachments.json. */
export const ATTACHMENT_ERROR_CODES = [
  'attachment-bad-image',
  'attachment-unreadable',
  'attachment-too-large',
  'attachment-too-many-files',
  'attachment-unknown-component',
  'scanner-not-found',
  'scanner-failed',
] as const;
export type AttachmentErrorCode = (typeof ATTACHMENT_ERROR_CODES)[number];

export class AttachmentError extends CodedError<AttachmentErrorCode> {
  override readonly name = 'AttachmentError';
}
