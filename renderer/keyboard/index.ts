export { OnScreenKeyboard } from './OnScreenKeyboard';
export type { OnScreenKeyboardLabels, OnScreenKeyboardProps } from './OnScreenKeyboard';
export { useComposerField } from './useComposerField';
export type { ComposerField, ComposerFieldOptions } from './useComposerField';
export type { KeyboardLayout } from './layouts';
export * from './engine';
