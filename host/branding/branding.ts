/**
 * The agency's name and emblem from the configuration's optional `branding` block, for the attract screen and
 * the header (`kiosk.hello`). The emblem is a PNG or SVG file in the configuration file's folder; it reaches the
 * renderer as a `data:` URL (the renderer's CSP already allows `img-src data:`; nothing else is loosened), so
 * it works the same over Electron IPC and the WebSocket. A bad emblem stops the start with a sentence for the
 * technician, like any refused configuration.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type KioskConfig } from '../config/config';

export interface Branding {
  agencyName: { vi: string; en: string } | null;
  /** `data:image/png;base64,…` or `data:image/svg+xml;base64,…`. */
  emblem: string | null;
}

export const MAX_EMBLEM_BYTES = 100 * 1024;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The folder relative emblem paths start from: KIOSK_CONFIG's, else the data folder (where kiosk.json is). */
export function configDir(config: Pick<KioskConfig, 'dataDir'>, env: NodeJS.ProcessEnv): string {
  return path.dirname(path.resolve(env.KIOSK_CONFIG ?? path.join(config.dataDir, 'kiosk.json')));
}

/** The content type of an emblem's bytes, checked against its extension; the reason it is refused otherwise. */
export function emblemType(file: string, bytes: Buffer): { type: string } | { refused: string } {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.png') {
    return bytes.subarray(0, 8).equals(PNG_SIGNATURE)
      ? { type: 'image/png' }
      : { refused: 'is not a PNG image (its first bytes are not the PNG signature)' };
  }
  if (ext === '.svg') {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const start = text.replace(/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?/i, '');
    if (!/^<svg[\s>]/i.test(start)) return { refused: 'is not an SVG image (it does not start with <svg>)' };
    // Shown in an <img>, an SVG runs no script and loads nothing; an emblem needs neither, so neither is kept.
    if (/<script|<foreignObject|\son[a-z]+\s*=/i.test(text))
      return { refused: 'holds scripts or embedded HTML: export the emblem as a plain SVG' };
    return { type: 'image/svg+xml' };
  }
  return { refused: 'must be a .png or .svg file' };
}

/** Reads the configured branding (null without a `branding` block). Throws ConfigError for a bad emblem. */
export function loadBranding(
  config: Pick<KioskConfig, 'branding' | 'dataDir'>,
  env: NodeJS.ProcessEnv = process.env,
): Branding | null {
  const b = config.branding;
  if (!b) return null;
  let emblem: string | null = null;
  if (b.emblemPath) {
    const dir = configDir(config, env);
    const where = `branding.emblemPath ${JSON.stringify(b.emblemPath)}`;
    const file = path.resolve(dir, b.emblemPath);
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      throw new ConfigError(`${where}: no such file in ${dir}`);
    }
    const realDir = realpathSync(dir);
    if (!real.startsWith(realDir + path.sep))
      throw new ConfigError(`${where}: the emblem must be in the configuration's folder ${dir}`);
    const size = statSync(real).size;
    if (!statSync(real).isFile() || size > MAX_EMBLEM_BYTES)
      throw new ConfigError(`${where}: the emblem must be a file of at most ${MAX_EMBLEM_BYTES / 1024} KB`);
    const bytes = readFileSync(real);
    const kind = emblemType(real, bytes);
    if ('refused' in kind) throw new ConfigError(`${where} ${kind.refused}`);
    emblem = `data:${kind.type};base64,${bytes.toString('base64')}`;
  }
  return { agencyName: b.agencyName ?? null, emblem };
}
