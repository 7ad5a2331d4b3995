/**
 * Privacy filter over speech requests (issue #18 item 3): personal data — names, ID numbers, dossier codes — is
 * spoken only through a private output (a headset). On the loudspeaker each personal part is replaced by a neutral
 * phrase ("thông tin của bạn trên màn hình"), so the people around the citizen hear nothing of it.
 *
 * Two layers, both on the host side so that no screen can bypass them by forgetting a mark:
 * 1. the renderer marks spans as personal (`{ text, personal: true }`);
 * 2. every unmarked part is scrubbed too: the current session's own personal values (names, ID numbers, codes
 *    collected by key from the session's personal data) and anything shaped like an ID number (9 or 12 digits)
 *    or a dossier code. Queue numbers are not personal and stay.
 */
import type { SpeechLanguage } from '../../native/speech/normalize';

export interface SpeechPart {
  text: string;
  /** Personal data (a name, an ID number, a dossier code, what the citizen typed). */
  personal?: boolean;
}

export const NEUTRAL_PHRASE: Record<SpeechLanguage, string> = {
  vi: 'thông tin của bạn trên màn hình',
  en: 'your details on the screen',
};

/** A 9-digit (CMND) or 12-digit (CCCD / Căn cước) number, spaced or not. */
const ID_NUMBER_RE =
  /(?<![\p{L}\p{N}])(?:\d[ .]?){11}\d(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])(?:\d[ .]?){8}\d(?![\p{L}\p{N}])/gu;
/** A dossier code (host/portal/dossier-code.ts shape), unanchored. */
const DOSSIER_CODE_RE =
  /(?<![\p{L}\p{N}])[0-9A-Z]{2,3}(?:\.[0-9A-Z]{2,3}){2,4}-\d{6}-\d{4,6}(?![\p{L}\p{N}])/gu;
/**
 * The format example the kiosk's own error sentences show ("Mã có dạng 000.00.01.H22-261123-0001"): fictional,
 * not anyone's code, so it is spoken. Any other dossier-code-shaped text is treated as personal.
 */
export const EXAMPLE_DOSSIER_CODES: ReadonlySet<string> = new Set(['000.00.01.H22-261123-0001']);
/** Keys of the session's personal data whose string values must never reach the loudspeaker. */
const PERSONAL_KEY_RE =
  /^(?:(?:full|father|mother|spouse|given|family)?name|(?:old)?idnumber|documentnumber|dossiercode|placeofresidence)$/i;

/** Whitespace collapsed, NFC, trimmed. */
function clean(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * Joins phrases with a space (never glued: "bạn" + "000" → "bạn 000"); a phrase that does not end a sentence
 * and is followed by one that starts a new block gets no extra punctuation — the renderer sends punctuation.
 */
export function joinPhrases(phrases: readonly string[]): string {
  return phrases
    .map(clean)
    .filter(Boolean)
    .join(' ')
    .replace(/ ([.,!?;:…])(?=\s|$)/gu, '$1');
}

/** Personal strings of a session (deep, by key name): full names, ID numbers, dossier codes. */
export function personalValues(data: unknown, out: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 6 || data === null || typeof data !== 'object') return out;
  const entries = data instanceof Map ? [...data.entries()] : Object.entries(data as Record<string, unknown>);
  for (const [key, value] of entries) {
    if (typeof value === 'string') {
      const v = clean(value);
      if (v.length >= 3 && PERSONAL_KEY_RE.test(String(key))) out.add(v);
    } else if (value && typeof value === 'object') personalValues(value, out, depth + 1);
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const MARK = '\u0000';

/** Replaces known personal values and ID- or code-shaped runs in an unmarked part. */
function scrub(text: string, known: ReadonlySet<string>): string {
  let out = text.normalize('NFC').replaceAll(MARK, '');
  const values = [...known].sort((a, b) => b.length - a.length);
  for (const v of values) out = out.replace(new RegExp(escapeRe(v), 'giu'), MARK);
  return out
    .replace(DOSSIER_CODE_RE, (code) => (EXAMPLE_DOSSIER_CODES.has(code) ? code : MARK))
    .replace(ID_NUMBER_RE, MARK);
}

export interface FilterOptions {
  lang: SpeechLanguage;
  /** The output is private (a headset): everything may be spoken. */
  privateOutput: boolean;
  /** The current session's personal values (see personalValues). */
  known?: ReadonlySet<string>;
}

/** The text to speak for a request: on the loudspeaker, every personal part becomes the neutral phrase. */
export function filterSpeech(parts: readonly SpeechPart[], options: FilterOptions): string {
  if (options.privateOutput) return joinPhrases(parts.map((p) => p.text.replaceAll(MARK, '')));
  const neutral = NEUTRAL_PHRASE[options.lang];
  const known = options.known ?? new Set<string>();
  const pieces = parts.map((p) => (p.personal ? (clean(p.text) ? MARK : '') : scrub(p.text, known)));
  return joinPhrases(pieces)
    .replace(new RegExp(`${MARK}(?:[\\s,.;:/-]*${MARK})*`, 'g'), neutral)
    .replace(/\s+/g, ' ')
    .trim();
}
