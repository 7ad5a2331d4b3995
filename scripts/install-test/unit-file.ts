/**
 * Reads an installed systemd service unit the way systemd would for the few directives the install test needs to
 * start the service by hand in a chroot (no systemd as PID 1 here): who runs it, where, with which environment,
 * which state folders and credentials systemd would have prepared, and the command. Unknown directives are
 * ignored; a directive this reader cannot honour (e.g. EnvironmentFile=, specifiers such as %i) is reported in
 * `unsupported` so the caller fails instead of starting the service differently from systemd.
 */

export interface ServiceExec {
  user: string;
  group: string;
  workingDirectory: string | null;
  /** Environment= assignments, later ones overriding earlier ones (as systemd does). */
  environment: Record<string, string>;
  /** ExecStart= split into argv (systemd's quoting rules for plain words, "…" and '…'). */
  execStart: string[];
  /** StateDirectory= names (relative to /var/lib) with StateDirectoryMode= (octal, default 0755). */
  stateDirectories: string[];
  stateDirectoryMode: number;
  /** RuntimeDirectory= names (relative to /run) with RuntimeDirectoryMode= (octal, default 0755). */
  runtimeDirectories: string[];
  runtimeDirectoryMode: number;
  /** Type= (default simple) and WatchdogSec= in microseconds (0: none). */
  type: string;
  watchdogUsec: number;
  /** LoadCredentialEncrypted= / LoadCredential= as name → path of the (encrypted) file. */
  credentials: { name: string; path: string; encrypted: boolean }[];
  unsupported: string[];
}

/** Splits a command line as systemd does for ExecStart= (double and single quotes, backslash escapes). */
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i]!)) i++;
    if (i >= line.length) break;
    let word = '';
    let quote: string | null = null;
    for (; i < line.length; i++) {
      const c = line[i]!;
      if (quote) {
        if (c === quote) quote = null;
        else if (c === '\\' && i + 1 < line.length) word += line[++i];
        else word += c;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '\\' && i + 1 < line.length) word += line[++i];
      else if (/\s/.test(c)) break;
      else word += c;
    }
    if (quote) throw new Error(`unterminated quote in: ${line}`);
    words.push(word);
  }
  return words;
}

/** A systemd time span ("30s", "1min 30s", "500ms", "30") in microseconds, or null if not understood. */
export function timespanUsec(value: string): number | null {
  const units: Record<string, number> = {
    us: 1,
    ms: 1e3,
    s: 1e6,
    '': 1e6,
    sec: 1e6,
    m: 60e6,
    min: 60e6,
    h: 3600e6,
  };
  let total = 0;
  const parts = value.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return 0;
  for (const part of parts) {
    const m = /^(\d+(?:\.\d+)?)([a-z]*)$/.exec(part);
    if (!m || units[m[2]!] === undefined) return null;
    total += Number(m[1]) * units[m[2]!]!;
  }
  return Math.round(total);
}

/** A list directive: words added, or the list reset by an empty assignment. */
function wordList(list: string[], value: string): string[] {
  return value === '' ? [] : [...list, ...value.split(/\s+/).filter(Boolean)];
}

/** The [Service] section's directives in order, continuation lines joined, comments dropped. */
function serviceDirectives(text: string): [string, string][] {
  const out: [string, string][] = [];
  let section = '';
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      continue;
    }
    if (section !== 'Service') continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    out.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
  }
  return out;
}

/**
 * The unit file's text followed by its drop-ins' texts (in systemd's order: `dropInOrder`). An empty assignment
 * resets a list, as in systemd (e.g. a drop-in's `LoadCredentialEncrypted=` drops every credential).
 */
export function readServiceExec(...texts: string[]): ServiceExec {
  const exec: ServiceExec = {
    user: 'root',
    group: '',
    workingDirectory: null,
    environment: {},
    execStart: [],
    stateDirectories: [],
    stateDirectoryMode: 0o755,
    runtimeDirectories: [],
    runtimeDirectoryMode: 0o755,
    type: 'simple',
    watchdogUsec: 0,
    credentials: [],
    unsupported: [],
  };
  for (const [key, value] of texts.flatMap(serviceDirectives)) {
    if (/%[a-zA-Z]/.test(value)) exec.unsupported.push(`${key}=${value} (specifier)`);
    switch (key) {
      case 'User':
        exec.user = value;
        break;
      case 'Group':
        exec.group = value;
        break;
      case 'WorkingDirectory':
        exec.workingDirectory = value.replace(/^-/, '');
        break;
      case 'Environment':
        if (value === '') exec.environment = {};
        for (const word of splitCommand(value)) {
          const eq = word.indexOf('=');
          if (eq > 0) exec.environment[word.slice(0, eq)] = word.slice(eq + 1);
        }
        break;
      case 'EnvironmentFile':
        exec.unsupported.push(`EnvironmentFile=${value}`);
        break;
      case 'ExecStart': {
        if (value === '') {
          exec.execStart = [];
          break;
        }
        // Prefixes: "-" (failure ignored) changes nothing here; the others change privileges or argv[0].
        const m = /^([-@:+!]*)(.*)$/.exec(value)!;
        if (/[@:+!]/.test(m[1]!)) exec.unsupported.push(`ExecStart prefix ${m[1]}`);
        if (exec.execStart.length > 0) exec.unsupported.push('several ExecStart= lines');
        exec.execStart = splitCommand(m[2]!);
        break;
      }
      case 'StateDirectory':
        exec.stateDirectories = wordList(exec.stateDirectories, value);
        break;
      case 'RuntimeDirectory':
        exec.runtimeDirectories = wordList(exec.runtimeDirectories, value);
        break;
      case 'StateDirectoryMode':
      case 'RuntimeDirectoryMode':
        exec[key === 'StateDirectoryMode' ? 'stateDirectoryMode' : 'runtimeDirectoryMode'] = parseInt(
          value,
          8,
        );
        break;
      case 'LoadCredential':
      case 'LoadCredentialEncrypted': {
        // systemd keeps both in one list: an empty assignment of either clears it.
        if (value === '') {
          exec.credentials = [];
          break;
        }
        const colon = value.indexOf(':');
        if (colon <= 0) exec.unsupported.push(`${key}=${value}`);
        else
          exec.credentials.push({
            name: value.slice(0, colon),
            path: value.slice(colon + 1),
            encrypted: key === 'LoadCredentialEncrypted',
          });
        break;
      }
      case 'Type':
        exec.type = value;
        break;
      case 'WatchdogSec': {
        const usec = timespanUsec(value);
        if (usec === null) exec.unsupported.push(`WatchdogSec=${value}`);
        else exec.watchdogUsec = usec;
        break;
      }
      case 'DynamicUser':
        if (value === 'yes' || value === 'true') exec.unsupported.push('DynamicUser=yes');
        break;
      default:
        break;
    }
  }
  if (exec.group === '') exec.group = exec.user;
  if (exec.execStart.length === 0) exec.unsupported.push('no ExecStart=');
  return exec;
}

/**
 * Drop-in files for a unit, in the order systemd applies them: by file name across /usr/lib, /lib, /run and /etc
 * (`<unit>.d/*.conf`); of two files with the same name, the one in the more important folder (/etc) wins.
 */
export function dropInOrder(found: { dir: 'etc' | 'run' | 'lib'; name: string; path: string }[]): string[] {
  const rank = { lib: 0, run: 1, etc: 2 } as const;
  const byName = new Map<string, { dir: 'etc' | 'run' | 'lib'; path: string }>();
  for (const f of found) {
    if (!f.name.endsWith('.conf')) continue;
    const had = byName.get(f.name);
    if (!had || rank[f.dir] > rank[had.dir]) byName.set(f.name, f);
  }
  return [...byName.keys()].sort().map((n) => byName.get(n)!.path);
}
