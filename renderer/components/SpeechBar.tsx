import { useTranslation } from 'react-i18next';
import type { SpeechStatus } from '../../common/api/contract';
import { useKioskApi } from '../api/KioskApiContext';
import { DEFAULT_SPEECH_KEYS, keyHelpLines } from '../flows/speech-keys';
import { readFocused } from '../flows/useSpeech';
import { controlWords, keyHelpWords, useSpeechKeys } from '../flows/useSpeechKeys';
import './speech-bar.css';

type Action = 'repeat' | 'pause' | 'resume' | 'louder' | 'quieter' | 'enable' | 'disable';

/**
 * Spoken guidance controls: on/off, listen again, pause, volume, read the focused control. Visible on every screen.
 * With no audio output the toggle says so ("Không có loa") and is disabled — never "on" without sound.
 * The tactile path's physical keys work on every screen (useSpeechKeys); "Dùng phím…" lists them.
 */
export function SpeechBar({
  status,
  sessionOver = false,
}: {
  status: SpeechStatus | null;
  /** The session ended: the next key press says the key help again. */
  sessionOver?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const api = useKioskApi();
  useSpeechKeys(api, status, { sessionOver });
  if (!status) return null;
  const act = (action: Action) => () => void api.call('speech.control', { action }).catch(() => undefined);
  if (!status.audio)
    return (
      <div className="speech-bar" role="group" aria-label={t('speech.label')} data-testid="speech-bar">
        <button
          type="button"
          className="speech-bar__button"
          disabled
          aria-describedby="speech-no-speaker"
          data-testid="speech-toggle"
        >
          <span aria-hidden="true">🔇 </span>
          {t('speech:noSpeaker')}
        </button>
        <span id="speech-no-speaker" className="visually-hidden">
          {t('speech:noSpeakerHint')}
        </span>
      </div>
    );
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const read = () => readFocused(api, lang, controlWords(t));
  const keyHelp = (
    <details className="speech-bar__keys" data-testid="speech-keys-help">
      <summary className="speech-bar__button">{t('speech:keys.title')}</summary>
      <ul>
        {keyHelpLines(status.keys ?? DEFAULT_SPEECH_KEYS, keyHelpWords(t)).map((line) => (
          <li key={line.action}>
            <strong>{line.keys.join(` ${t('speech:keys.or')} `)}</strong>: {line.does}
          </li>
        ))}
      </ul>
    </details>
  );
  return (
    <div className="speech-bar" role="group" aria-label={t('speech.label')} data-testid="speech-bar">
      <button
        type="button"
        className="speech-bar__button"
        aria-pressed={status.enabled}
        onClick={act(status.enabled ? 'disable' : 'enable')}
        data-testid="speech-toggle"
      >
        <span aria-hidden="true">{status.enabled ? '🔊 ' : '🔈 '}</span>
        {status.enabled ? t('speech.on') : t('speech.off')}
      </button>
      {status.enabled && (
        <>
          <button
            type="button"
            className="speech-bar__button"
            onClick={act('repeat')}
            data-testid="speech-repeat"
          >
            {t('speech.repeat')}
          </button>
          <button
            type="button"
            className="speech-bar__button"
            // Keep the focus where it was: the control to read is the one the citizen was on.
            onPointerDown={(e) => e.preventDefault()}
            onClick={read}
            data-testid="speech-read-focused"
          >
            {t('speech:readFocused')}
          </button>
          <button
            type="button"
            className="speech-bar__button"
            onClick={act(status.state === 'paused' ? 'resume' : 'pause')}
            data-testid="speech-pause"
          >
            {status.state === 'paused' ? t('speech.resume') : t('speech.pause')}
          </button>
          <button
            type="button"
            className="speech-bar__button"
            onClick={act('quieter')}
            aria-label={t('speech.quieter')}
          >
            −
          </button>
          <span className="speech-bar__volume" data-testid="speech-volume">
            {t('speech.volume', { step: status.volumeStep + 1, count: status.volumeStepCount })}
          </span>
          <button
            type="button"
            className="speech-bar__button"
            onClick={act('louder')}
            aria-label={t('speech.louder')}
          >
            +
          </button>
        </>
      )}
      {keyHelp}
    </div>
  );
}
