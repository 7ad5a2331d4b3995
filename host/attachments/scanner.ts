/**
 * Document scanners through SANE's `scanimage` (Debian `sane-utils`): the first device `scanimage -L` lists,
 * or the configured one; a grey PNG at 150 dpi. SANE's `test` backend is a real SANE device for tests and
 * demo mode (enabled through a private SANE_CONFIG_DIR, see `sane-demo/`).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AttachmentError } from './errors';

export interface ScannerOptions {
  /** SANE device name (`scanimage -L`), e.g. `test:0`, `airscan:e0:…`; null: the first one listed. */
  device?: string | null;
  /** Extra environment, e.g. `{SANE_CONFIG_DIR}` for the demo's test backend. */
  env?: NodeJS.ProcessEnv;
  resolutionDpi?: number;
  timeoutMs?: number;
}

/** The SANE configuration that enables only the `test` backend (demo mode and tests). */
export const SANE_DEMO_CONFIG_DIR = fileURLToPath(new URL('./sane-demo/', import.meta.url));

function run(args: string[], o: ScannerOptions, binary: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'scanimage',
      args,
      {
        env: { ...process.env, ...o.env },
        encoding: 'buffer',
        maxBuffer: 64 * 1024 * 1024,
        timeout: o.timeoutMs ?? 90_000,
      },
      (err, stdout, stderr) => {
        if (err) {
          const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
          reject(
            new AttachmentError(
              missing ? 'scanner-not-found' : 'scanner-failed',
              missing
                ? 'scanimage is not installed (Debian sane-utils)'
                : `scanimage: ${stderr.toString().trim()}`,
              { cause: err },
            ),
          );
        } else resolve(binary ? stdout : Buffer.from(stdout.toString('utf8')));
      },
    );
  });
}

export async function listScanners(o: ScannerOptions = {}): Promise<string[]> {
  const out = (await run(['-f', '%d%n'], o, false)).toString('utf8');
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Scans one page; returns PNG bytes. */
export async function scanPage(o: ScannerOptions = {}): Promise<Buffer> {
  const device = o.device ?? (await listScanners(o))[0];
  if (!device) throw new AttachmentError('scanner-not-found', 'no SANE device found');
  const png = await run(
    ['-d', device, '--format=png', '--mode', 'Gray', '--resolution', String(o.resolutionDpi ?? 150)],
    o,
    true,
  );
  if (png.length < 8 || png[0] !== 0x89) throw new AttachmentError('scanner-failed', 'scanimage gave no PNG');
  return png;
}
