export { createComposer, applyKeys, KeyboardEngineError, INPUT_METHODS } from './composer';
export type { Composer, ComposerOptions, InputMethod } from './composer';
export type { Tone } from './letters';
export { TONES } from './letters';
export type { ToneStyle } from './syllable';
