/**
 * Typed errors of the speech area. `code` is stable (the key of renderer/i18n/errors/speech.json);
 * `message` is English for developers and never contains the spoken text.
 */
import { CodedError } from '../../common/errors';
export const SPEECH_ERROR_CODES = [
  'speech-no-audio-device',
  'speech-synthesizer-missing',
  'speech-synthesis-failed',
  'speech-playback-failed',
  'speech-bad-audio',
] as const;
export type SpeechErrorCode = (typeof SPEECH_ERROR_CODES)[number];

export class SpeechError extends CodedError<SpeechErrorCode> {
  override readonly name = 'SpeechError';
}
