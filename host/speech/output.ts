/**
 * Which audio output the kiosk speaks through, and whether there is one at all.
 *
 * - `privateOutput` (config `speech.privateOutput`): `'headset'` — the kiosk's only output is a handset or
 *   headset (private); `'loudspeaker'` — never private; `'auto'` (default) — private only while the sound card
 *   reports a plugged headphone / headset jack (ALSA jack controls, `amixer contents`: a control named
 *   "… Headphone Jack" or "… Headset … Jack" with `values=on`). Anything unknown counts as the loudspeaker.
 * - `hasAudioDevice()`: an ALSA playback device (/dev/snd/pcmC*D*p) or a sound server socket (PulseAudio /
 *   PipeWire) exists. No device → the speech toggle says "no speaker".
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type PrivateOutputSetting = 'auto' | 'headset' | 'loudspeaker';

/** True when `amixer contents` output shows a headphone/headset jack control that is on. */
export function headsetJackOn(amixerContents: string): boolean {
  let jack = false;
  for (const line of amixerContents.split('\n')) {
    const control = /^numid=\d+,iface=\w+,name='([^']*)'/.exec(line.trim());
    if (control) {
      jack = /\b(?:headphone|headset)\b.*\bjack\b/i.test(control[1] ?? '');
      continue;
    }
    if (jack && /:\s*values=on\b/.test(line)) return true;
  }
  return false;
}

export type CommandRunner = (command: string, args: string[]) => Promise<string>;

const runCommand: CommandRunner = (command, args) =>
  new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 1500, encoding: 'utf8' }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
  });

/** Sound cards listed in /proc/asound (card numbers). */
function cardNumbers(asound = '/proc/asound'): string[] {
  try {
    return readdirSync(asound)
      .map((n) => /^card(\d+)$/.exec(n)?.[1])
      .filter((n): n is string => n !== undefined);
  } catch {
    return [];
  }
}

export interface OutputProbeOptions {
  setting?: PrivateOutputSetting;
  run?: CommandRunner;
  cards?: () => string[];
}

/** Whether what is said now reaches only the citizen's ear. Failures answer false (the loudspeaker). */
export async function isPrivateOutput(options: OutputProbeOptions = {}): Promise<boolean> {
  const setting = options.setting ?? 'auto';
  if (setting !== 'auto') return setting === 'headset';
  const run = options.run ?? runCommand;
  for (const card of (options.cards ?? cardNumbers)()) {
    try {
      if (headsetJackOn(await run('amixer', ['-c', card, 'contents']))) return true;
    } catch {
      // amixer missing or the card busy: unknown, so not private.
    }
  }
  return false;
}

/** An ALSA playback device or a sound server socket exists. */
export function hasAudioDevice(env: NodeJS.ProcessEnv = process.env, dev = '/dev/snd'): boolean {
  try {
    if (readdirSync(dev).some((n) => /^pcmC\d+D\d+p$/.test(n))) return true;
  } catch {
    // no /dev/snd
  }
  if (env.PULSE_SERVER) return true;
  const runtime = env.XDG_RUNTIME_DIR;
  return Boolean(
    runtime && (existsSync(join(runtime, 'pulse', 'native')) || existsSync(join(runtime, 'pipewire-0'))),
  );
}
