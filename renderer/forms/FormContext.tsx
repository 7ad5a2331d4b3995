import { createContext, useContext } from 'react';
import type { Language, RemapAnswer } from '../../common/api/contract';

/** Where the on-screen keyboard types: the focused input's path in the form values and its layout. */
export interface KeyboardTarget {
  path: string;
  layout: 'text' | 'numeric' | 'email' | 'phone';
  label: string;
}

export interface PlaceOption {
  code: string;
  name: string;
}

/** Administrative units for address fields (post-2025: province → commune), supplied by the host. */
export interface PlacesSource {
  provinces(): Promise<PlaceOption[]>;
  communes(provinceCode: string): Promise<PlaceOption[]>;
  remap(text: string): Promise<RemapAnswer>;
  /** The kiosk's own commune, offered first (null when not configured). */
  home?(): Promise<{ provinceCode: string; communeCode: string; label: string } | null>;
}

export interface FormUi {
  lang: Language;
  focus(target: KeyboardTarget): void;
  focused: KeyboardTarget | null;
  places: PlacesSource;
}

export const FormUiContext = createContext<FormUi | null>(null);

export function useFormUi(): FormUi {
  const ui = useContext(FormUiContext);
  if (!ui) throw new Error('FormUiContext missing');
  return ui;
}
