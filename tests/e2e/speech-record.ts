/**
 * A demo kiosk whose speech is recorded by the host instead of played (config `speech.output: { kind: "record" }`,
 * host/speech/record-output.ts): each utterance the SpeechService would play, with the output PrivateSpeech chose.
 * Its own isolated pcscd, so it runs beside the worker's demo kiosk.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RecordedUtterance } from '../../host/speech/record-output';
import { type IsolatedPcscd, startIsolatedPcscd } from '../../host/devices/isolated-pcscd';
import { demoHostArgs, type KioskProcess, startHostProcess, stopChild } from './fixtures';

export interface RecordingKiosk {
  kiosk: KioskProcess;
  /** What the host recorded so far. */
  record(): RecordedUtterance[];
  stop(): Promise<void>;
}

export async function startRecordingKiosk(
  privateOutput: 'loudspeaker' | 'headset',
  pcscd?: IsolatedPcscd,
): Promise<RecordingKiosk> {
  const own = pcscd ? null : await startIsolatedPcscd();
  const p = pcscd ?? own!;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-speech-record-')), 'speech.jsonl');
  const { kiosk, child }: { kiosk: KioskProcess; child: ChildProcess } = await startHostProcess(
    demoHostArgs(p),
    p.env,
    { speech: { privateOutput, output: { kind: 'record', file } } },
  );
  return {
    kiosk,
    record: () =>
      existsSync(file)
        ? readFileSync(file, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as RecordedUtterance)
        : [],
    stop: async () => {
      await stopChild(child);
      await own?.stop();
    },
  };
}
