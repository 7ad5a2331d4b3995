/**
 * The configuration checksum: SHA-256 of the canonical JSON (keys sorted, defaults applied) of the loaded
 * configuration with its secrets left out, so two kiosks with the same settings show the same checksum and
 * the checksum reveals nothing secret. The portal client secret is never in the configuration (env or a file);
 * the staff PIN hash is, and is excluded.
 */
import { createHash } from 'node:crypto';

/** Keys whose values are secrets (anywhere in the tree). Paths to secret files are settings, kept. */
const SECRET_KEY = /^(pinHash|.*secret|.*password|.*token|.*privateKey)$/i;

function redact(value: unknown, at: string, excluded: string[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => redact(v, `${at}[${i}]`, excluded));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const path = at ? `${at}.${key}` : key;
      if (SECRET_KEY.test(key)) {
        excluded.push(path);
        continue;
      }
      out[key] = redact((value as Record<string, unknown>)[key], path, excluded);
    }
    return out;
  }
  return value;
}

/** Canonical JSON: object keys sorted at every level, no spaces; secrets removed. */
export function canonicalConfig(config: unknown): { json: string; excluded: string[] } {
  const excluded: string[] = [];
  const json = JSON.stringify(redact(config, '', excluded));
  return { json, excluded };
}

export function configChecksum(config: unknown): { sha256: string; excluded: string[] } {
  const { json, excluded } = canonicalConfig(config);
  return { sha256: createHash('sha256').update(json, 'utf8').digest('hex'), excluded };
}
