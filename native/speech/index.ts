export { SpeechError, SPEECH_ERROR_CODES, type SpeechErrorCode } from './errors';
export {
  normalizeForSpeech,
  spellDigits,
  spellCode,
  readIntegerVi,
  type SpeechLanguage,
  type NormalizeOptions,
} from './normalize';
export {
  EspeakSynthesizer,
  DEFAULT_RATE,
  DEFAULT_VOICES,
  type Synthesizer,
  type SynthesisOptions,
  type SpeechClip,
  type EspeakOptions,
} from './synthesizer';
export {
  CommandPlayer,
  NullPlayer,
  createPlayer,
  findExecutable,
  APLAY,
  PAPLAY,
  ESPEAK_DIRECT,
  type Player,
  type PlayOptions,
  type PlayOutcome,
} from './player';
export { parseWav, encodeWav, applyGainDb, rmsDbfs, sliceFrom, durationMs, type PcmAudio } from './wav';
