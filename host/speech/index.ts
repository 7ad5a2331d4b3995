export {
  SpeechService,
  VOLUME_STEPS_DB,
  DEFAULT_VOLUME_STEP,
  type SpeechState,
  type SayOutcome,
  type SayOptions,
  type SpeechServiceOptions,
  type SpeechServiceEvents,
} from './speech-service';
export { PrivateSpeech, type PrivateSpeechOptions } from './private-speech';
export { filterSpeech, joinPhrases, personalValues, NEUTRAL_PHRASE, type SpeechPart } from './privacy-filter';
export { isPrivateOutput, hasAudioDevice, headsetJackOn, type PrivateOutputSetting } from './output';
