/**
 * A demo kiosk whose speech is recorded by the host instead of played (config `speech.output: { kind: "record" }`,
 * host/speech/record-output.ts): each utterance the SpeechService would play, with the output PrivateSpeech chose.
 * Its own isolated pcscd, so it runs beside the worker's demo kiosk.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { personalValues } from '../../host/speech/privacy-filter';
import type { RecordedUtterance } from '../../host/speech/record-output';
import { type IsolatedPcscd, startIsolatedPcscd } from '../../host/devices/isolated-pcscd';
import { demoHostArgs, type KioskProcess, startHostProcess } from './fixtures';
import { stopHost } from '../support/host-process';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The fictional citizens (fixtures/citizens). */
export const citizens = readdirSync(path.join(ROOT, 'fixtures/citizens'))
  .filter((f) => f.endsWith('.json'))
  .map(
    (f) =>
      JSON.parse(readFileSync(path.join(ROOT, 'fixtures/citizens', f), 'utf8')) as Record<string, unknown>,
  );
/** Their names, ID numbers and addresses, as the host's filter collects them. */
export const known = new Set<string>();
for (const c of citizens) personalValues({ identity: c }, known);
/** Those long enough to look for in what was spoken. */
export const secrets = [...known].filter((v) => v.length >= 6);

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
  const host = await startHostProcess(demoHostArgs(p), p.env, {
    speech: { privateOutput, output: { kind: 'record', file } },
  });
  return {
    kiosk: host.kiosk,
    record: () =>
      existsSync(file)
        ? readFileSync(file, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as RecordedUtterance)
        : [],
    stop: async () => {
      await stopHost(host);
      rmSync(path.dirname(file), { recursive: true, force: true });
      await own?.stop();
    },
  };
}
