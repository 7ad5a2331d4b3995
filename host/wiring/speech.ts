/** Spoken guidance (host/speech): speech.* methods, its status to the screen, a fresh start for every citizen. */
import type { Handlers } from '../api/kiosk-host';
import type { KioskConfig } from '../config/config';
import type { SessionManager } from '../session/session-manager';
import type { SpeechService } from '../speech';
import { PrivateSpeech } from '../speech/private-speech';
import type { Emit } from './parts';

export interface SpeechPart {
  handlers: Pick<Handlers, Extract<keyof Handlers, `speech.${string}`>>;
  /** Speech status to the screen; every citizen starts with the default volume and speech setting. */
  start(): void;
  dispose(): void;
}

export function speechPart(o: {
  config: KioskConfig;
  sessions: SessionManager;
  speech: SpeechService | null;
  /** The privacy gate (tests inject one with a fixed headset state). */
  privateSpeech: PrivateSpeech | undefined;
  emit: Emit;
}): SpeechPart {
  const { speech, sessions } = o;
  const speechStatus = () => ({
    enabled: speech?.enabled ?? false,
    state: speech?.state ?? ('idle' as const),
    volumeStep: speech?.volumeStep ?? 0,
    volumeStepCount: speech?.volumeStepCount ?? 1,
    audio: speech?.audioAvailable ?? false,
    keys: o.config.speech.keys,
  });
  // Personal data reaches the synthesizer only through a headset (host/speech/private-speech.ts).
  const privateSpeech =
    o.privateSpeech ??
    new PrivateSpeech({
      setting: o.config.speech.privateOutput,
      personal: () => sessions.active?.personal,
    });
  const onSpeech = (): void => o.emit('speech.status', speechStatus());
  let offReset: () => void = () => undefined;
  return {
    start: () => {
      speech?.on('state', onSpeech);
      speech?.on('volume', onSpeech);
      speech?.on('audio', onSpeech);
      speech?.on('enabled', onSpeech);
      // Nothing of the last citizen's setting is kept.
      offReset = sessions.onEnd(() => speech?.resetForNewSession());
    },
    dispose: () => {
      offReset();
      speech?.off('state', onSpeech);
      speech?.off('volume', onSpeech);
      speech?.off('audio', onSpeech);
      speech?.off('enabled', onSpeech);
    },
    handlers: {
      'speech.say': async ({ text, lang, masked, parts, append }) => {
        if (!speech) return { outcome: 'silent' };
        if (masked) return { outcome: 'skipped' };
        const spoken = await privateSpeech.decide(parts ?? [{ text }], lang);
        return {
          outcome: await speech.say(spoken.text, lang, {
            interrupt: !append,
            privateOutput: spoken.privateOutput,
          }),
        };
      },
      'speech.status': () => speechStatus(),
      'speech.control': ({ action }) => {
        if (speech) {
          if (action === 'repeat') void speech.repeat();
          else if (action === 'pause') speech.pause();
          else if (action === 'resume') speech.resume();
          else if (action === 'stop') speech.stop();
          else if (action === 'louder') speech.volumeUp();
          else if (action === 'quieter') speech.volumeDown();
          else speech.setEnabled(action === 'enable');
        }
        return speechStatus();
      },
    },
  };
}
