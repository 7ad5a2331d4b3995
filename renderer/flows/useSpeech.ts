import { useEffect, useState } from 'react';
import type { KioskApi, SpeechStatus } from '../../common/api/contract';

/** Speech status from the host (it speaks through the kiosk's own audio output). */
export function useSpeechStatus(api: KioskApi, connected: boolean): SpeechStatus | null {
  const [status, setStatus] = useState<SpeechStatus | null>(null);
  useEffect(() => {
    const off = api.on('speech.status', setStatus);
    if (connected)
      api
        .call('speech.status', {})
        .then(setStatus)
        .catch(() => undefined);
    return off;
  }, [api, connected]);
  return status;
}

/** What a screen says aloud: its heading, lead, alerts and confirmation panel — never what is typed in a field. */
export function screenText(root: ParentNode = document): string {
  const parts = [
    ...root.querySelectorAll(
      'main h1, main .lead, main [role="alert"], main .panel__body, [role="alertdialog"] .lead',
    ),
  ]
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return [...new Set(parts)].join('. ');
}

/**
 * Speaks each new screen in the displayed language: after the screen (or its error) changes, the host is
 * asked to say its text, interrupting what was being said.
 */
export function useSpeakScreen(api: KioskApi, key: string, lang: 'vi' | 'en', enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const timer = window.setTimeout(() => {
      const text = screenText();
      if (text) void api.call('speech.say', { text, lang }).catch(() => undefined);
    }, 250);
    return () => window.clearTimeout(timer);
  }, [api, key, lang, enabled]);
}
