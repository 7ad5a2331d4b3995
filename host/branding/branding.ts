/**
 * The agency's name, emblem and service pictograms from the configuration's optional `branding` block, for the
 * attract screen, the header and the service tiles (`kiosk.hello`). Each image is a PNG or SVG file in the configuration file's folder; it reaches the
 * renderer as a `data:` URL (the renderer's CSP already allows `img-src data:`; nothing else is loosened), so
 * it works the same over Electron IPC and the WebSocket. A bad image or an unknown pictogram id stops the start with a sentence for the
 * technician, like any refused configuration.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { Category, loadCatalogue } from '../../catalogue';
import { ConfigError, type KioskConfig } from '../config/config';

export interface Branding {
  agencyName: { vi: string; en: string } | null;
  /** `data:image/png;base64,…` or `data:image/svg+xml;base64,…`. */
  emblem: string | null;
  /**
   * Service id or category id → the image shown instead of the built-in pictogram (`data:` URL, as the
   * emblem); empty without `branding.pictograms`.
   */
  pictograms: Record<string, string>;
}

export const MAX_EMBLEM_BYTES = 100 * 1024;
export const MAX_PICTOGRAM_BYTES = 50 * 1024;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The folder relative emblem paths start from: KIOSK_CONFIG's, else the data folder (where kiosk.json is). */
function configDir(config: Pick<KioskConfig, 'dataDir'>, env: NodeJS.ProcessEnv): string {
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

/**
 * One image of the branding (emblem or pictogram) as a `data:` URL: a PNG or plain SVG file of at most
 * `maxBytes` inside the configuration's folder `dir` (symbolic links are followed, then checked). `where` names
 * the setting in the technician's sentence. Throws ConfigError.
 */
function readBrandingImage(dir: string, file: string, where: string, maxBytes: number): string {
  const resolved = path.resolve(dir, file);
  let real: string;
  try {
    real = realpathSync(resolved);
  } catch {
    throw new ConfigError(`${where}: no such file in ${dir}`);
  }
  const realDir = realpathSync(dir);
  if (!real.startsWith(realDir + path.sep))
    throw new ConfigError(`${where}: the image must be in the configuration's folder ${dir}`);
  const stat = statSync(real);
  if (!stat.isFile() || stat.size > maxBytes)
    throw new ConfigError(`${where}: the image must be a file of at most ${maxBytes / 1024} KB`);
  const bytes = readFileSync(real);
  const kind = emblemType(real, bytes);
  if ('refused' in kind) throw new ConfigError(`${where} ${kind.refused}`);
  return `data:${kind.type};base64,${bytes.toString('base64')}`;
}

/** The ids a pictogram may replace: every catalogue service id and every category id. */
function pictogramIds(): { services: Set<string>; categories: readonly string[] } {
  return { services: new Set(loadCatalogue().services.map((s) => s.id)), categories: Category.options };
}

/** Reads the configured branding (null without a `branding` block). Throws ConfigError for a bad image or id. */
export function loadBranding(
  config: Pick<KioskConfig, 'branding' | 'dataDir'>,
  env: NodeJS.ProcessEnv = process.env,
): Branding | null {
  const b = config.branding;
  if (!b) return null;
  const dir = configDir(config, env);
  const emblem = b.emblemPath
    ? readBrandingImage(
        dir,
        b.emblemPath,
        `branding.emblemPath ${JSON.stringify(b.emblemPath)}`,
        MAX_EMBLEM_BYTES,
      )
    : null;
  const pictograms: Record<string, string> = {};
  const entries = Object.entries(b.pictograms ?? {});
  if (entries.length > 0) {
    const known = pictogramIds();
    for (const [id, file] of entries) {
      const where = `branding.pictograms ${JSON.stringify(id)}`;
      if (!known.services.has(id) && !known.categories.includes(id))
        throw new ConfigError(
          `${where}: no service or category has this id (a service's "id" in catalogue/services/*.json, ` +
            `or a category: ${known.categories.join(', ')})`,
        );
      pictograms[id] = readBrandingImage(dir, file, `${where} ${JSON.stringify(file)}`, MAX_PICTOGRAM_BYTES);
    }
  }
  return { agencyName: b.agencyName ?? null, emblem, pictograms };
}
