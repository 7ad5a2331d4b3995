/** Checks of the machine itself: the version, the configuration, the data folder's disk, the sound card. */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { resourcePath } from '../../native/resources/resource-root';
import type { KioskConfig } from '../config/config';
import { configChecksum } from './config-checksum';
import { fail, pass, type Verdict, warn } from './check';

const run = promisify(execFile);

export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(resourcePath('package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function versionCheck(): Verdict {
  const version = packageVersion();
  return version === 'unknown'
    ? fail('package.json not found next to the program')
    : pass(`vn-public-service-kiosk ${version}, Node ${process.versions.node}`, {
        version,
        node: process.versions.node,
      });
}

/** `loadError`: the configuration could not be loaded (the other checks then use the defaults). */
export function configCheck(config: KioskConfig, source: string, loadError: string | null): Verdict {
  if (loadError) return fail(`configuration refused: ${loadError}`, { source });
  const { sha256, excluded } = configChecksum(config);
  return pass(`${config.mode} mode, ${source}, sha256 ${sha256.slice(0, 16)}…`, {
    source,
    mode: config.mode,
    sha256,
    excluded,
  });
}

export const DISK_FAIL_BYTES = 512 * 1024 * 1024;
export const DISK_WARN_BYTES = 2 * 1024 * 1024 * 1024;

const gib = (n: number): string => `${(n / 1024 ** 3).toFixed(1)} GiB`;

export function diskCheck(dataDir: string): Verdict {
  let dir = path.resolve(dataDir);
  const exists = existsSync(dir);
  while (!existsSync(dir)) dir = path.dirname(dir);
  const s = statfsSync(dir);
  const free = s.bavail * s.bsize;
  const total = s.blocks * s.bsize;
  const data = { dataDir: path.resolve(dataDir), exists, freeBytes: free, totalBytes: total };
  const where = exists
    ? path.resolve(dataDir)
    : `${dir} (the data folder ${path.resolve(dataDir)} does not exist yet)`;
  if (free < DISK_FAIL_BYTES) return fail(`only ${gib(free)} free on ${where}: free space now`, data);
  if (free < DISK_WARN_BYTES || !exists) return warn(`${gib(free)} free of ${gib(total)} on ${where}`, data);
  return pass(`${gib(free)} free of ${gib(total)} on ${where}`, data);
}

/** Sound cards as `aplay -l` lists them ("card 0: PCH [HDA Intel PCH], device 0: …"). */
export function parseAplayCards(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^card (\d+): ([^,\n]+?), device (\d+): ([^\n]*)$/gm))
    out.push(`card ${m[1]} device ${m[3]}: ${m[2]!.trim()}`);
  return out;
}

export async function audioCheck(aplay = 'aplay'): Promise<Verdict> {
  let stdout: string;
  let stderr: string;
  try {
    ({ stdout, stderr } = await run(aplay, ['-l'], { timeout: 5000 }));
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') return fail('aplay is not installed (Debian package alsa-utils)');
    stdout = '';
    stderr = err.stderr ?? err.message;
  }
  const cards = parseAplayCards(stdout);
  if (cards.length === 0)
    return fail(`no sound output device (aplay -l: ${(stderr.trim() || 'no cards').split('\n')[0]})`);
  return pass(`${cards.length} output device(s): ${cards[0]}`, { devices: cards });
}
