/**
 * Loading the configuration: defaults, overridden by a JSON file (KIOSK_CONFIG or <dataDir>/kiosk.json) and
 * environment variables, validated with zod. A bad file stops start-up with a clear message.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CodedError } from '../../common/errors';
import { productionProblems } from './production';
import { KioskConfig } from './schema';

export class ConfigError extends CodedError<'config-invalid'> {
  override readonly name = 'ConfigError';
  constructor(message: string) {
    super('config-invalid', message);
  }
}

export function loadConfig(
  /** Each given key replaces the file's (nested objects whole; their own defaults fill the rest). */
  overrides: Partial<z.input<typeof KioskConfig>> = {},
  env: NodeJS.ProcessEnv = process.env,
): KioskConfig {
  const file =
    env.KIOSK_CONFIG ?? path.join(overrides.dataDir ?? env.KIOSK_DATA_DIR ?? '.kiosk-data', 'kiosk.json');
  let fromFile: unknown = {};
  if (existsSync(file)) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`Cannot read configuration ${file}: ${(e as Error).message}`);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  if (env.KIOSK_DATA_DIR) fromEnv.dataDir = env.KIOSK_DATA_DIR;
  if (env.KIOSK_MODE === 'demo' || env.KIOSK_MODE === 'production') fromEnv.mode = env.KIOSK_MODE;
  else if (env.KIOSK_DEMO === '1') fromEnv.mode = 'demo';
  const merged = { ...withLegacyKeys(fromFile), ...fromEnv, ...overrides } as Record<string, unknown>;
  const parsed = KioskConfig.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  }
  // A misspelt key would otherwise be dropped without a word (zod strips what it does not know).
  const checked = Object.fromEntries(
    Object.entries(withLegacyKeys(fromFile)).filter(([k]) => !(k in fromEnv) && !(k in overrides)),
  );
  const unknown = unknownKeys(checked, parsed.data).map((p) => p.join('.'));
  if (unknown.length > 0)
    throw new ConfigError(
      `Unknown configuration key${unknown.length > 1 ? 's' : ''} in ${file}: ${unknown.join(', ')} — check the spelling (every key and its default: host/config/schema.ts and the block files it names)`,
    );
  const problems = productionProblems(parsed.data);
  if (problems.length > 0) throw new ConfigError(`Refused in production mode:\n- ${problems.join('\n- ')}`);
  return parsed.data;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The keys of `input` (as paths) that the parsed configuration does not have: unknown to the schema. */
export function unknownKeys(input: unknown, parsed: unknown, at: string[] = []): string[][] {
  if (!isPlainObject(input) || !isPlainObject(parsed)) return [];
  return Object.keys(input).flatMap((k) =>
    k in parsed ? unknownKeys(input[k], parsed[k], [...at, k]) : [[...at, k]],
  );
}

/** `demoMode: true` of older configuration files means `mode: "demo"`. */
function withLegacyKeys(fromFile: unknown): Record<string, unknown> {
  const f = { ...(fromFile as Record<string, unknown>) };
  if ('demoMode' in f) {
    if (f.demoMode === true && f.mode === undefined) f.mode = 'demo';
    delete f.demoMode;
  }
  return f;
}
