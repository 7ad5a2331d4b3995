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
