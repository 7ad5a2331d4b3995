/**
 * The tactile path's physical keys (issue #18 item 3; EN 301 549 §5.1.3 / §5.1.6 operation without vision): an
 * ATM-style keypad or a USB numeric keypad beside the headset jack. Each action has one or more keys, named by
 * `KeyboardEvent.code` (the key's place, whatever the layout or NumLock says).
 *
 * Only keys a text field does not need may be used — F-keys, the numeric keypad's operators and Enter, media and
 * volume keys — so a physical keyboard typing into a field never triggers speech, and a QR scanner (which types
 * letters, digits and Enter) cannot. The configuration (`speech.keys`) is validated against this list.
 */
import { z } from 'zod';

export const SPEECH_KEY_ACTIONS = [
  'help',
  'read',
  'repeat',
  'previous',
  'next',
  'activate',
  'volumeDown',
  'volumeUp',
] as const;
export type SpeechKeyAction = (typeof SPEECH_KEY_ACTIONS)[number];

/**
 * `KeyboardEvent.code` values a text field does not need. Not F5, F11, F12: the kiosk shell swallows them (reload,
 * full screen, developer tools: electron/window-policy.ts).
 */
const SPEECH_KEY_CODE_RE =
  /^(?:F(?:[1-46-9]|10|1[3-9]|2[0-4])|Numpad(?:Add|Subtract|Multiply|Divide|Decimal|Enter|Comma|Equal|ParenLeft|ParenRight)|AudioVolume(?:Up|Down|Mute)|Media(?:PlayPause|Stop|TrackNext|TrackPrevious)|Help|Pause|ScrollLock)$/;

export type SpeechKeys = Record<SpeechKeyAction, string[]>;

/**
 * Defaults: F1–F3 and F6–F10 on a full keyboard; on a numeric keypad * read, / repeat, − previous, + next,
 * Enter activate; the keyboard's volume keys. F4 stays free for a site's own choice.
 */
export const DEFAULT_SPEECH_KEYS: SpeechKeys = {
  help: ['F1', 'Help'],
  read: ['F2', 'NumpadMultiply'],
  repeat: ['F3', 'NumpadDivide'],
  previous: ['F6', 'NumpadSubtract'],
  next: ['F7', 'NumpadAdd'],
  activate: ['F8', 'NumpadEnter'],
  volumeDown: ['F9', 'AudioVolumeDown'],
  volumeUp: ['F10', 'AudioVolumeUp'],
};

const KeyCode = z
  .string()
  .regex(SPEECH_KEY_CODE_RE, 'an F-key, a numeric-keypad operator or Enter, or a media/volume key');
/** One key or several for an action; an empty list turns the action off. */
const KeyList = z.union([KeyCode.transform((k) => [k]), z.array(KeyCode).max(4)]);

/** `speech.keys` in the configuration: any action left out keeps its default; a key may serve one action only. */
export const SpeechKeysConfig = z
  .object(
    Object.fromEntries(SPEECH_KEY_ACTIONS.map((a) => [a, KeyList.default(DEFAULT_SPEECH_KEYS[a])])) as Record<
      SpeechKeyAction,
      z.ZodDefault<typeof KeyList>
    >,
  )
  .superRefine((keys, ctx) => {
    const owner = new Map<string, string>();
    for (const action of SPEECH_KEY_ACTIONS)
      for (const key of keys[action]) {
        const other = owner.get(key);
        if (other && other !== action)
          ctx.addIssue({ code: 'custom', message: `${key} is both ${other} and ${action}`, path: [action] });
        owner.set(key, action);
      }
  })
  .default(DEFAULT_SPEECH_KEYS);

/** The keys as the host sends them to the page (`SpeechStatus.keys`). */
export const SpeechKeysWire = z.object(
  Object.fromEntries(SPEECH_KEY_ACTIONS.map((a) => [a, z.array(z.string().max(32)).max(4)])) as Record<
    SpeechKeyAction,
    z.ZodArray<z.ZodString>
  >,
);
